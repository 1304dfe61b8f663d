/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-activities-ui"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kontor-activities-section.h"
#include "kontor-activities-view.h"
#include "kontor-activity-dialog.h"
#include "kontor-company-page.h"
#include "kontor-contact-page.h"
#include "kontor-demo-fill.h"
#include "kontor-reminder-ui.h"
#include "kontor-shot.h"
#include "kontor-store-blobs.h"
#include "kontor-value-text.h"
#include "kontor-test-utils.h"
#include "kontor-today-view.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"
#include "kontor-workspace.h"

/* Activities on the contact's and the company's page (issue 13, features
 * A1–A3, A6–A8): the timeline first on the page, a note typed into the
 * quick row and Enter, Shift+Ctrl+A for the dialog, a task ticked off
 * with the space bar, an edit and a delete, each undone with Ctrl+Z; the
 * model's refusals shown in the dialog; an automatic activity shown, not
 * edited; a company's timeline with its contacts' activities. Real key
 * presses (xdotool) into a window over a demo team; screenshots in the
 * language of the run, light and dark. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContactPage  *page;
  KontorActivitiesSection *section;
  KontorContact      *contact;   /* one with a company */
} Fixture;

static gint64
count (Fixture    *fixture,
       const char *sql,
       const char *param)
{
  return kontor_test_query_int (fixture->base.store, sql, param);
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static void
wait_mapped (gpointer widget)
{
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, widget,
                                            KONTOR_TEST_TIMEOUT));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  kontor_store_fixture_set_up (&fixture->base, NULL);
  g_assert_true (kontor_demo_populate (fixture->base.store, 30, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                       &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 860);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));

  /* a contact of a company, with no activity of its own yet */
  kontor_test_exec (fixture->base.store, "DELETE FROM activity");
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        count (fixture, "SELECT rid FROM contact WHERE company_id IS NOT NULL "
                                        "AND status IN (1, 2) ORDER BY rid LIMIT 1", NULL));
  {
    g_autofree char *uuid = NULL;
    sqlite3_stmt *stmt = kontor_test_prepare (fixture->base.store,
                                              "SELECT id FROM contact WHERE rid = ?1", id);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    fixture->contact = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT, uuid, &error);
    g_assert_no_error (error);
  }

  fixture->page = KONTOR_CONTACT_PAGE (kontor_window_get_contact_page (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contact",
                                             "s", id_of (fixture->contact)));
  wait_mapped (fixture->page);
  fixture->section = KONTOR_ACTIVITIES_SECTION (kontor_test_find_widget (
                                                  GTK_WIDGET (fixture->page),
                                                  KONTOR_TYPE_ACTIVITIES_SECTION));
  g_assert_nonnull (fixture->section);
  kontor_test_settle (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (KONTOR_IS_ACTIVITY_DIALOG (window))
        gtk_window_destroy (window);
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (50);
  g_clear_object (&fixture->contact);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static gint64
last_activity (Fixture *fixture)
{
  g_autoptr(KontorContact) stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                                                       id_of (fixture->contact), NULL);

  return kontor_contact_get_last_activity_at (stored);
}

static gboolean
row_title_is (GtkWidget  *widget,
              const void *text)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0;
}

static GtkWidget *
find_activity_row (Fixture    *fixture,
                   const char *title)
{
  return kontor_test_find_matching (GTK_WIDGET (fixture->section), row_title_is, title);
}

typedef struct
{
  Fixture    *fixture;
  const char *title;
  gboolean    shown;
} RowWait;

static gboolean
row_shown_is (gpointer data)
{
  RowWait *wait = data;

  return (find_activity_row (wait->fixture, wait->title) != NULL) == wait->shown;
}

static void
wait_row (Fixture    *fixture,
          const char *title,
          gboolean    shown)
{
  RowWait wait = { fixture, title, shown };

  if (!kontor_test_iterate_until (row_shown_is, &wait, KONTOR_TEST_TIMEOUT))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

      /* a row not shown may not be stored either: say which */
      g_error ("the timeline %s “%s” (%" G_GINT64_FORMAT " stored; the focus on %s)",
               shown ? "does not show" : "still shows", title,
               count (fixture, "SELECT count(*) FROM activity WHERE subject = ?1", title),
               focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
    }
}

static gboolean
dialog_is_shown (gpointer data)
{
  Fixture *fixture = data;

  return kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                     KONTOR_TYPE_ACTIVITY_DIALOG) != NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  return !dialog_is_shown (data);
}

static KontorActivityDialog *
wait_dialog (Fixture *fixture)
{
  KontorActivityDialog *dialog;

  g_assert_true (kontor_test_iterate_until (dialog_is_shown, fixture, KONTOR_TEST_TIMEOUT));
  dialog = KONTOR_ACTIVITY_DIALOG (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                               KONTOR_TYPE_ACTIVITY_DIALOG));
  wait_mapped (dialog);
  kontor_test_focus_window (GTK_WINDOW (dialog));

  return dialog;
}

static void
type_text (const char *text)
{
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", text, NULL });
  kontor_test_settle (150);
}

static KontorActivity *
save_activity (Fixture            *fixture,
               KontorActivityKind  kind,
               const char         *subject)
{
  KontorActivity *activity = kontor_activity_new (kind, KONTOR_RECORD (fixture->contact));

  kontor_activity_set_subject (activity, subject);
  if (kind != KONTOR_ACTIVITY_KIND_TASK)
    kontor_activity_set_starts_at (activity, g_get_real_time () / G_USEC_PER_SEC - 3600);
  kontor_test_save (fixture->base.store, activity);

  return activity;
}

/* Return on the row titled @title: its dialog */
static KontorActivityDialog *
open_row (Fixture    *fixture,
          const char *title)
{
  gtk_widget_grab_focus (find_activity_row (fixture, title));
  kontor_test_press ("Return");

  return wait_dialog (fixture);
}

/* @text typed at the end of the dialog's subject, Ctrl+S */
static void
append_to_subject (Fixture              *fixture,
                   KontorActivityDialog *dialog,
                   const char           *text)
{
  gtk_widget_grab_focus (kontor_test_find_row (GTK_WIDGET (dialog), _("Subject")));
  kontor_test_press ("End");
  type_text (text);
  kontor_test_press ("ctrl+s");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
}

/* "Delete Activity" in the dialog of the row titled @title: the row goes */
static void
delete_in_dialog (Fixture              *fixture,
                  KontorActivityDialog *dialog,
                  const char           *title)
{
  gtk_widget_grab_focus (kontor_test_find_button (GTK_WIDGET (dialog), _("_Delete Activity")));
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  wait_row (fixture, title, FALSE);
}

static void
count_announce_cb (KontorStore *store,
                   const char  *entity,
                   GArray      *rowids,
                   gpointer     user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
purge_done (gpointer data)
{
  return !kontor_store_get_purging (KONTOR_STORE (data));
}

static gboolean
is_positive (gpointer data)
{
  return *(guint *) data > 0;
}

/* Another process commits (`kontor import` from a terminal; here a second
 * connection of the test's own on the file), and the window announces
 * every kind of record changed (src/ui/kontor-store-watch.c) */
static void
commit_elsewhere (Fixture *fixture)
{
  static guint n_commits;
  g_autofree char *sql = g_strdup_printf ("UPDATE contact SET city = 'Bonn %u' WHERE rid = "
                                          "(SELECT max(rid) FROM contact)", ++n_commits);
  guint announced = 0;
  gulong handler = g_signal_connect (fixture->base.store, "changed::team_setting",
                                     G_CALLBACK (count_announce_cb), &announced);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->base.path, &db), ==, SQLITE_OK);
  /* the window's purge may hold the file a moment */
  sqlite3_busy_timeout (db, KONTOR_TEST_TIMEOUT * 1000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
  /* only the main loop: the window's look at the file finds it */
  g_assert_true (kontor_test_iterate_until (is_positive, &announced, KONTOR_TEST_TIMEOUT));
  g_signal_handler_disconnect (fixture->base.store, handler);
}

/* After such an announcement the timeline reloads, and still follows
 * what is recorded, edited, deleted and undone in the window afterwards.
 * The last step failed before: the delete's reload put the focus on "No
 * activities yet", the announcement's reload took that row away and the
 * focus fell to the quick row's text, where Ctrl+Z undid the typing
 * instead of the delete (kontor-activities-section.c, refocus()). */
static void
test_after_other_writer (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *quick = kontor_activities_section_get_quick_row (fixture->section);
  KontorActivityDialog *dialog;

  commit_elsewhere (fixture);
  gtk_widget_grab_focus (quick);
  type_text ("Nach dem Import");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (quick)), ==, "Nach dem Import");
  kontor_test_press ("Return");
  wait_row (fixture, "Nach dem Import", TRUE);
  g_assert_cmpuint (kontor_activities_section_get_n_rows (fixture->section), ==, 1);

  /* announced while the dialog is open, then saved */
  dialog = open_row (fixture, "Nach dem Import");
  commit_elsewhere (fixture);
  append_to_subject (fixture, dialog, " und mehr");
  wait_row (fixture, "Nach dem Import und mehr", TRUE);

  /* the last one deleted, announced, undone */
  dialog = open_row (fixture, "Nach dem Import und mehr");
  delete_in_dialog (fixture, dialog, "Nach dem Import und mehr");
  /* the delete's purge is this process's own commit: the look after it
   * takes a version it moved for its own (kontor_store_check_other_writers()),
   * and so would take another process's in the same half second */
  g_assert_true (kontor_test_iterate_until (purge_done, fixture->base.store,
                                            KONTOR_TEST_TIMEOUT));
  kontor_store_check_other_writers (fixture->base.store, NULL);
  commit_elsewhere (fixture);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+z");
  wait_row (fixture, "Nach dem Import und mehr", TRUE);
  g_assert_cmpuint (kontor_activities_section_get_n_rows (fixture->section), ==, 1);
}

/* ------------------------------------------------------------------------ */

/* The quick row: typed, Enter; the contact's last activity follows, and
 * Ctrl+Z takes both back */
static void
test_quick_entry (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *quick = kontor_activities_section_get_quick_row (fixture->section);
  gint64 before = last_activity (fixture);

  /* the timeline comes first on the page, before the person's fields */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->section)));
  g_assert_cmpuint (kontor_activities_section_get_n_rows (fixture->section), ==, 0);

  gtk_widget_grab_focus (quick);
  /* xdotool types ASCII only under Xvfb here */
  type_text ("Rueckruf wegen Angebot");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (quick)), ==, "Rueckruf wegen Angebot");
  kontor_test_press ("Return");
  wait_row (fixture, "Rueckruf wegen Angebot", TRUE);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM activity WHERE kind = 6 AND "
                                   "subject = 'Rueckruf wegen Angebot' AND contact_id = ?1",
                          id_of (fixture->contact)), ==, 1);
  g_assert_cmpint (last_activity (fixture), >, 0);
  g_assert_cmpint (last_activity (fixture), >=, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (quick)), ==, "");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity = 'activity' "
                                   "AND op = 'create' AND entity_id IN (SELECT id FROM activity)",
                          NULL), ==, 1);

  /* Ctrl+Z on the new row (in the quick row it would undo the typing):
   * gone, and the last activity with it */
  gtk_widget_grab_focus (find_activity_row (fixture, "Rueckruf wegen Angebot"));
  kontor_test_press ("ctrl+z");
  wait_row (fixture, "Rueckruf wegen Angebot", FALSE);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM activity", NULL), ==, 0);
  g_assert_cmpint (last_activity (fixture), ==, 0);
  kontor_test_assert_accessible (GTK_WIDGET (fixture->page));
}

/* Shift+Ctrl+A from the quick row (a text field, which takes the keys
 * for itself otherwise): the dialog, its subject focused; a meeting
 * chosen from the keyboard, its place, Ctrl+Return saves */
static void
test_dialog_by_keyboard (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *quick = kontor_activities_section_get_quick_row (fixture->section);
  KontorActivityDialog *dialog;
  GtkWidget *kind_row, *place_row;
  g_autoptr(GPtrArray) list = NULL;
  KontorActivity *meeting;

  gtk_widget_grab_focus (quick);
  kontor_test_press ("ctrl+shift+a");
  dialog = wait_dialog (fixture);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));

  /* the subject first */
  type_text ("Jahresplanung");
  /* the kind: its row, Enter opens the list, Meeting (the fourth), Enter */
  kind_row = kontor_test_find_row (GTK_WIDGET (dialog), _("Type"));
  g_assert_nonnull (kind_row);
  gtk_widget_grab_focus (kind_row);
  kontor_test_press ("Return");
  kontor_test_settle (300);
  /* Enter opened the list, not saved the dialog */
  g_assert_true (dialog_is_shown (fixture));
  /* the first kind, then down past e-mail and lunch to meeting */
  kontor_test_press ("Home Down Down Down Return");
  kontor_test_settle (300);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind_row)), ==,
                    KONTOR_ACTIVITY_KIND_MEETING);
  place_row = kontor_test_find_row (GTK_WIDGET (dialog), _("Place"));
  g_assert_true (gtk_widget_get_visible (place_row));
  g_assert_false (gtk_widget_get_visible (kontor_test_find_row (GTK_WIDGET (dialog),
                                                                _("Due date"))));
  gtk_widget_grab_focus (place_row);
  type_text ("Hamburg, Speicherstadt");
  kontor_test_press ("ctrl+Return");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  wait_row (fixture, "Jahresplanung", TRUE);

  list = kontor_store_list_activities (fixture->base.store, KONTOR_RECORD (fixture->contact),
                                       KONTOR_ACTIVITY_LIST_OWN, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  meeting = g_ptr_array_index (list, 0);
  g_assert_cmpint (kontor_activity_get_kind (meeting), ==, KONTOR_ACTIVITY_KIND_MEETING);
  g_assert_cmpstr (kontor_activity_get_subject (meeting), ==, "Jahresplanung");
  g_assert_cmpstr (kontor_activity_get_location (meeting), ==, "Hamburg, Speicherstadt");
  g_assert_cmpint (kontor_activity_get_topic (meeting), ==, KONTOR_ACTIVITY_TOPIC_OTHER);
  g_assert_cmpint (kontor_activity_get_starts_at (meeting), >, 0);
  g_assert_cmpint (last_activity (fixture), ==, kontor_activity_get_starts_at (meeting));
}

/* What the model refuses is said in the dialog, and nothing is stored:
 * a time that is none, a meeting that ends before it begins */
static void
test_dialog_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorActivityDialog *dialog;
  GtkWidget *kind_row;
  GtkWidget *time_entry, *end_entry;
  GtkWidget *feedback;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "contact.record-activity", NULL));
  dialog = wait_dialog (fixture);
  kind_row = kontor_test_find_row (GTK_WIDGET (dialog), _("Type"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), KONTOR_ACTIVITY_KIND_MEETING);
  kontor_test_settle (100);

  time_entry = kontor_test_find_widget (kontor_test_find_row (GTK_WIDGET (dialog), _("Date")),
                                        GTK_TYPE_ENTRY);
  end_entry = kontor_test_find_widget (kontor_test_find_row (GTK_WIDGET (dialog), _("End")),
                                       GTK_TYPE_ENTRY);
  gtk_widget_grab_focus (time_entry);
  kontor_test_press ("ctrl+a");
  type_text ("25:99");
  kontor_test_press ("ctrl+s");
  kontor_test_settle (100);
  feedback = kontor_test_find_with_class (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");
  g_assert_true (gtk_widget_get_visible (feedback));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (feedback)), "25:99"));

  gtk_widget_grab_focus (time_entry);
  kontor_test_press ("ctrl+a");
  type_text ("15:00");
  gtk_widget_grab_focus (end_entry);
  type_text ("14:00");
  kontor_test_press ("ctrl+s");
  kontor_test_settle (100);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (feedback)), ==,
                   _("A meeting cannot end before it begins."));
  g_assert_true (dialog_is_shown (fixture));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM activity", NULL), ==, 0);

  /* Escape leaves it, nothing stored */
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM activity", NULL), ==, 0);
}

/* An open task first, ticked off with the space bar: done, and the last
 * activity is now; Ctrl+Z opens it again */
static void
test_task_done (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorActivity) call = save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL, "Erstgespräch");
  g_autoptr(KontorActivity) task = save_activity (fixture, KONTOR_ACTIVITY_KIND_TASK,
                                                  "Angebot schicken");
  g_autoptr(KontorActivity) stored = NULL;
  GtkWidget *row, *check;
  gint64 call_time = kontor_activity_get_starts_at (call);

  wait_row (fixture, "Angebot schicken", TRUE);
  g_assert_cmpint (last_activity (fixture), ==, call_time);
  row = find_activity_row (fixture, "Angebot schicken");
  /* open tasks come first, after the rows that record and filter */
  g_assert_true (gtk_widget_get_prev_sibling (row) ==
                 GTK_WIDGET (kontor_test_find_row (GTK_WIDGET (fixture->section), _("Show"))));
  check = kontor_test_find_widget (row, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  gtk_widget_grab_focus (check);
  kontor_test_press ("space");
  kontor_test_settle (200);

  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_ACTIVITY, id_of (task), NULL);
  g_assert_true (kontor_activity_get_done (stored));
  g_assert_cmpint (kontor_activity_get_done_at (stored), >, call_time);
  g_assert_cmpint (last_activity (fixture), ==, kontor_activity_get_done_at (stored));
  g_clear_object (&stored);

  /* the keys stay on the task's check button */
  g_assert_true (GTK_IS_CHECK_BUTTON (gtk_root_get_focus (GTK_ROOT (fixture->window))));
  kontor_test_press ("ctrl+z");
  kontor_test_settle (200);
  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_ACTIVITY, id_of (task), NULL);
  g_assert_false (kontor_activity_get_done (stored));
  g_assert_cmpint (last_activity (fixture), ==, call_time);
}

/* A row opens its activity; an edit saved with Ctrl+S; Delete, and
 * the toast's Undo (Ctrl+Z) brings it back */
static void
test_edit_and_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KontorActivity) call = save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL, "Erstgespräch");
  KontorActivityDialog *dialog;
  GtkWidget *subject;

  wait_row (fixture, "Erstgespräch", TRUE);
  dialog = open_row (fixture, "Erstgespräch");
  subject = kontor_test_find_row (GTK_WIDGET (dialog), _("Subject"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject)), ==, "Erstgespräch");
  append_to_subject (fixture, dialog, " mit Einkauf");
  wait_row (fixture, "Erstgespräch mit Einkauf", TRUE);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE entity = 'activity' AND "
                                   "field = 'subject' AND op = 'update'", NULL), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM journal WHERE entity = 'activity' AND "
                                   "field = 'subject'", NULL), ==, 1);

  /* delete from the dialog, undo from the window */
  dialog = open_row (fixture, "Erstgespräch mit Einkauf");
  delete_in_dialog (fixture, dialog, "Erstgespräch mit Einkauf");
  g_assert_cmpint (last_activity (fixture), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tombstone WHERE entity = 'activity'",
                          NULL), ==, 1);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+z");
  wait_row (fixture, "Erstgespräch mit Einkauf", TRUE);
  g_assert_cmpint (last_activity (fixture), ==, kontor_activity_get_starts_at (call));
}

/* The timeline's filters (feature A6): the open tasks by the keyboard,
 * one kind */
static void
test_timeline_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorActivity) call = save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL, "Erstgespräch");
  g_autoptr(KontorActivity) note = save_activity (fixture, KONTOR_ACTIVITY_KIND_NOTE, "Messe");
  g_autoptr(KontorActivity) task = save_activity (fixture, KONTOR_ACTIVITY_KIND_TASK,
                                                  "Angebot schicken");
  GtkWidget *open_tasks, *kind;

  wait_row (fixture, "Angebot schicken", TRUE);
  g_assert_cmpuint (kontor_activities_section_get_n_rows (fixture->section), ==, 3);

  open_tasks = kontor_test_find_button (GTK_WIDGET (fixture->section), _("_Open Tasks"));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (open_tasks));
  gtk_widget_grab_focus (open_tasks);
  kontor_test_press ("space");
  wait_row (fixture, "Erstgespräch", FALSE);
  g_assert_cmpuint (kontor_activities_section_get_n_rows (fixture->section), ==, 1);
  kontor_test_press ("space");
  wait_row (fixture, "Erstgespräch", TRUE);

  kind = kontor_test_find_widget (kontor_test_find_row (GTK_WIDGET (fixture->section), _("Show")),
                                  GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), 1 + KONTOR_ACTIVITY_KIND_NOTE);
  wait_row (fixture, "Erstgespräch", FALSE);
  g_assert_nonnull (find_activity_row (fixture, "Messe"));
  g_assert_cmpuint (kontor_activities_section_get_n_rows (fixture->section), ==, 1);
  kontor_test_assert_accessible (GTK_WIDGET (fixture->section));
  g_assert_nonnull (call);
  g_assert_nonnull (note);
  g_assert_nonnull (task);
}

/* An activity recorded automatically opens to be read, not changed, and
 * another user is not offered its delete (feature A7) */
static void
test_automatic (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorActivity) mail = kontor_activity_new (KONTOR_ACTIVITY_KIND_EMAIL,
                                                        KONTOR_RECORD (fixture->contact));
  KontorActivityDialog *dialog;
  GtkWidget *row, *delete_button;

  kontor_activity_set_subject (mail, "Ihr Angebot vom 1. Dezember");
  kontor_activity_set_starts_at (mail, g_get_real_time () / G_USEC_PER_SEC - 7200);
  kontor_activity_set_automatic (mail, TRUE);
  kontor_activity_set_created_by (mail, "someone-else");
  kontor_test_save (fixture->base.store, mail);

  wait_row (fixture, "Ihr Angebot vom 1. Dezember", TRUE);
  row = find_activity_row (fixture, "Ihr Angebot vom 1. Dezember");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            _("recorded automatically")));
  gtk_widget_grab_focus (row);
  kontor_test_press ("Return");
  dialog = wait_dialog (fixture);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, _("Activity"));
  g_assert_false (gtk_widget_get_visible (kontor_test_find_button (GTK_WIDGET (dialog),
                                                                   _("_Save"))));
  g_assert_false (kontor_activity_dialog_save (dialog));
  delete_button = kontor_test_find_button (GTK_WIDGET (dialog), _("_Delete Activity"));
  g_assert_true (delete_button == NULL || !gtk_widget_is_visible (delete_button));
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
}

/* "Aktivitätszugehörigkeit": the contact's page with its company's
 * activities, the company's page with its contacts' */
static void
test_affiliation (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KontorActivity) call = save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL, "Erstgespräch");
  g_autoptr(KontorCompany) company = kontor_store_load (fixture->base.store, KONTOR_TYPE_COMPANY,
                                                        kontor_contact_get_company_id (
                                                          fixture->contact), NULL);
  g_autoptr(KontorActivity) lunch = kontor_activity_new (KONTOR_ACTIVITY_KIND_LUNCH,
                                                         KONTOR_RECORD (company));
  KontorCompanyPage *company_page;
  KontorActivitiesSection *company_section;
  GtkWidget *affiliation;

  kontor_activity_set_subject (lunch, "Mittagessen mit der Geschäftsführung");
  kontor_activity_set_starts_at (lunch, g_get_real_time () / G_USEC_PER_SEC - 86400);
  kontor_test_save (fixture->base.store, lunch);
  wait_row (fixture, "Erstgespräch", TRUE);
  g_assert_null (find_activity_row (fixture, "Mittagessen mit der Geschäftsführung"));

  affiliation = kontor_test_find_row (GTK_WIDGET (fixture->section),
                                      _("Include the Company’s Activities"));
  g_assert_true (gtk_widget_get_visible (affiliation));
  gtk_widget_grab_focus (affiliation);
  kontor_test_press ("space");
  wait_row (fixture, "Mittagessen mit der Geschäftsführung", TRUE);
  g_assert_cmpuint (kontor_activities_section_get_n_rows (fixture->section), ==, 2);

  /* the company's page: its own; with the switch, its contact's too,
   * named where it was recorded */
  company_page = KONTOR_COMPANY_PAGE (kontor_window_get_company_page (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-company",
                                             "s", id_of (company)));
  wait_mapped (company_page);
  company_section = KONTOR_ACTIVITIES_SECTION (kontor_test_find_widget (
                                                 GTK_WIDGET (company_page),
                                                 KONTOR_TYPE_ACTIVITIES_SECTION));
  kontor_test_settle (100);
  g_assert_cmpuint (kontor_activities_section_get_n_rows (company_section), ==, 1);
  affiliation = kontor_test_find_row (GTK_WIDGET (company_section),
                                      _("Include Its Contacts’ Activities"));
  gtk_widget_grab_focus (affiliation);
  kontor_test_press ("space");
  kontor_test_settle (200);
  g_assert_cmpuint (kontor_activities_section_get_n_rows (company_section), ==, 2);
  kontor_test_assert_accessible (GTK_WIDGET (company_page));
}

/* The "Aktivitäten" section (feature A6): Ctrl+4 shows every activity,
 * newest first; typing searches subjects and notes ("rueckruf" finds
 * "Rückruf"); the open tasks by the keyboard; Enter opens one */
static void
test_all_activities (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorWorkspace *workspace = KONTOR_WORKSPACE (kontor_window_get_workspace (fixture->window));
  g_autoptr(KontorActivity) call = save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL,
                                                  "Rückruf wegen Angebot");
  g_autoptr(KontorActivity) task = save_activity (fixture, KONTOR_ACTIVITY_KIND_TASK,
                                                  "Muster versenden");
  KontorActivitiesView *view;
  GListModel *list;
  GtkWidget *search, *open_tasks;
  KontorActivityDialog *dialog;

  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("Escape");
  kontor_test_settle (300);
  kontor_test_press ("ctrl+4");
  kontor_test_settle (300);
  g_assert_cmpstr (kontor_workspace_get_section (workspace), ==, "activities");
  view = KONTOR_ACTIVITIES_VIEW (kontor_test_find_widget (GTK_WIDGET (workspace),
                                                          KONTOR_TYPE_ACTIVITIES_VIEW));
  g_assert_nonnull (view);
  wait_mapped (view);
  list = kontor_activities_view_get_list (view);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  kontor_test_assert_accessible (GTK_WIDGET (view));

  /* typing lands in the search */
  search = kontor_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY);
  gtk_widget_grab_focus (search);
  type_text ("rueckruf");
  kontor_test_settle (400);
  g_assert_cmpstr (kontor_filter_get_search_text (kontor_activities_view_get_filter (view)), ==,
                   "rueckruf");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  kontor_test_press ("ctrl+a BackSpace");
  kontor_test_settle (400);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  /* the open tasks only, with the space bar */
  open_tasks = kontor_test_find_button (GTK_WIDGET (view), _("_Open Tasks"));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (open_tasks));
  gtk_widget_grab_focus (open_tasks);
  kontor_test_press ("space");
  kontor_test_settle (200);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* Enter on the row opens the task */
  kontor_activities_view_focus_list (view);
  kontor_test_settle (100);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (view)));
  kontor_test_press ("Return");
  dialog = wait_dialog (fixture);
  g_assert_cmpstr (kontor_activity_get_subject (kontor_activity_dialog_get_activity (dialog)), ==,
                   "Muster versenden");
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_nonnull (call);
  g_assert_nonnull (task);
}

static KontorActivity *
save_task_due (Fixture    *fixture,
               const char *subject,
               int         days)
{
  KontorActivity *task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK,
                                              KONTOR_RECORD (fixture->contact));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autofree char *due = g_date_time_format (then, "%Y-%m-%d");

  kontor_activity_set_subject (task, subject);
  kontor_activity_set_topic (task, KONTOR_ACTIVITY_TOPIC_NEGOTIATION);
  kontor_activity_set_due_on (task, due);
  kontor_test_save (fixture->base.store, task);

  return task;
}

static KontorActivity *
reload_activity (Fixture        *fixture,
                 KontorActivity *activity)
{
  return kontor_store_load (fixture->base.store, KONTOR_TYPE_ACTIVITY,
                            kontor_record_get_id (KONTOR_RECORD (activity)), NULL);
}

static gboolean
n_due_is (gpointer data)
{
  gpointer *args = data;

  return kontor_today_view_get_n_due (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_n_due (KontorTodayView *view,
            guint            n)
{
  gpointer args[2] = { view, GUINT_TO_POINTER (n) };

  if (!kontor_test_iterate_until (n_due_is, args, KONTOR_TEST_TIMEOUT))
    g_error ("the Today page shows %u, not %u", kontor_today_view_get_n_due (view), n);
}

/* "Heute" (feature R2): Ctrl+5 shows what is due, overdue first; a task
 * ticked off with the space bar goes, the focus staying in the list; one
 * snoozed from its menu by the keyboard goes until tomorrow, Ctrl+Z
 * brings it back; a contact's due date done; "done and plan next" opens
 * the next task on the same contact and topic */
static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  KontorWorkspace *workspace = KONTOR_WORKSPACE (kontor_window_get_workspace (fixture->window));
  g_autoptr(KontorActivity) overdue = NULL;
  g_autoptr(KontorActivity) today = NULL;
  g_autoptr(KontorActivity) later = NULL;
  g_autoptr(KontorActivity) stored = NULL;
  g_autoptr(KontorContact) contact = NULL;
  g_autofree char *today_date = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  KontorTodayView *view;
  KontorActivityDialog *dialog;
  GtkWidget *row, *button;

  /* the sample's due dates go; ours are the only ones */
  kontor_test_exec (fixture->base.store, "UPDATE contact SET due_date = NULL");
  overdue = save_task_due (fixture, "Angebot nachfassen", -2);
  today = save_task_due (fixture, "Muster versenden", 0);
  later = save_task_due (fixture, "Vertrag vorbereiten", 3);
  today_date = g_date_time_format (now, "%Y-%m-%d");
  kontor_contact_set_due_date (fixture->contact, today_date);
  kontor_test_save (fixture->base.store, fixture->contact);

  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("Escape");
  kontor_test_settle (300);
  kontor_test_press ("ctrl+5");
  kontor_test_settle (300);
  g_assert_cmpstr (kontor_workspace_get_section (workspace), ==, "today");
  view = KONTOR_TODAY_VIEW (kontor_test_find_widget (GTK_WIDGET (workspace),
                                                     KONTOR_TYPE_TODAY_VIEW));
  wait_mapped (view);
  wait_n_due (view, 3);
  kontor_test_assert_accessible (GTK_WIDGET (view));

  /* overdue first: the focus is on it; Tab to its check button, space */
  row = kontor_test_find_row (GTK_WIDGET (view), "Angebot nachfassen");
  g_assert_true (gtk_widget_has_focus (row) || gtk_widget_is_ancestor (
                   gtk_root_get_focus (GTK_ROOT (fixture->window)), row));
  gtk_widget_grab_focus (kontor_test_find_widget (row, GTK_TYPE_CHECK_BUTTON));
  kontor_test_press ("space");
  wait_n_due (view, 2);
  stored = reload_activity (fixture, overdue);
  g_assert_true (kontor_activity_get_done (stored));
  g_clear_object (&stored);
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (fixture->window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (view)));

  /* snoozed until tomorrow from its menu, by the keyboard */
  row = kontor_test_find_row (GTK_WIDGET (view), "Muster versenden");
  button = kontor_test_find_widget (row, GTK_TYPE_MENU_BUTTON);
  gtk_widget_grab_focus (button);
  kontor_test_press ("space");
  kontor_test_settle (300);
  kontor_test_press ("Return");
  wait_n_due (view, 1);
  stored = reload_activity (fixture, today);
  g_assert_cmpstr (kontor_activity_get_due_on (stored), >, today_date);
  g_clear_object (&stored);

  /* Ctrl+Z: due today again */
  kontor_test_press ("ctrl+z");
  wait_n_due (view, 2);
  stored = reload_activity (fixture, today);
  g_assert_cmpstr (kontor_activity_get_due_on (stored), ==, today_date);
  g_clear_object (&stored);

  /* the contact's due date, done */
  name = kontor_record_dup_display_name (KONTOR_RECORD (fixture->contact));
  row = kontor_test_find_row (GTK_WIDGET (view), name);
  g_assert_nonnull (row);
  gtk_widget_grab_focus (kontor_test_find_widget (row, GTK_TYPE_CHECK_BUTTON));
  kontor_test_press ("space");
  wait_n_due (view, 1);
  contact = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                               id_of (fixture->contact), NULL);
  g_assert_null (kontor_contact_get_due_date (contact));

  /* done and plan next: the task done, the dialog of the next one on the
   * same contact and topic */
  row = kontor_test_find_row (GTK_WIDGET (view), "Muster versenden");
  button = kontor_test_find_widget (row, GTK_TYPE_MENU_BUTTON);
  gtk_widget_grab_focus (button);
  kontor_test_press ("space");
  kontor_test_settle (300);
  kontor_test_press ("Down Down Return");
  dialog = wait_dialog (fixture);
  g_assert_cmpstr (kontor_activity_get_contact_id (kontor_activity_dialog_get_activity (dialog)),
                   ==, id_of (fixture->contact));
  g_assert_cmpint (kontor_activity_get_topic (kontor_activity_dialog_get_activity (dialog)), ==,
                   KONTOR_ACTIVITY_TOPIC_NEGOTIATION);
  g_assert_cmpint (kontor_activity_get_kind (kontor_activity_dialog_get_activity (dialog)), ==,
                   KONTOR_ACTIVITY_KIND_TASK);
  stored = reload_activity (fixture, today);
  g_assert_true (kontor_activity_get_done (stored));
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  wait_n_due (view, 0);
  g_assert_nonnull (later);
}

/* A reminder's notification (features R2, X9): what it says, and its
 * Done and Snooze as the application's actions run them, each undoable */
static void
test_reminder_actions (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorActivity) task = save_task_due (fixture, "Angebot nachfassen", 0);
  g_autoptr(KontorActivity) stored = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (fixture->contact));
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  kontor_reminder_dup_text (fixture->context, task, &title, &body);
  expected = g_strdup_printf (_("Reminder: %s"), "Angebot nachfassen");
  g_assert_cmpstr (title, ==, expected);
  g_assert_nonnull (strstr (body, name));
  notification = kontor_reminder_notification_new (fixture->context, "/tmp/k.db", task);
  g_assert_true (G_IS_NOTIFICATION (notification));

  /* snoozed an hour, Ctrl+Z's undo takes it back */
  g_assert_true (kontor_reminder_snooze (fixture->context, id_of (task), KONTOR_SNOOZE_HOUR,
                                         &error));
  g_assert_no_error (error);
  stored = reload_activity (fixture, task);
  g_assert_cmpint (kontor_activity_get_remind_at (stored), >=, before + 3600);
  g_assert_cmpint (kontor_activity_get_remind_at (stored), <=, before + 3600 + 60);
  g_clear_object (&stored);
  g_assert_true (kontor_operation_stack_undo (kontor_context_get_operations (fixture->context),
                                              &error));
  stored = reload_activity (fixture, task);
  g_assert_cmpint (kontor_activity_get_remind_at (stored), ==, 0);
  g_clear_object (&stored);

  /* done */
  g_assert_true (kontor_reminder_done (fixture->context, id_of (task), &error));
  stored = reload_activity (fixture, task);
  g_assert_true (kontor_activity_get_done (stored));
}

/* ------------------------------------------------------------------------ */
/* Participants, files and links (features A4, A5) */

static gboolean
is_check_button (GtkWidget  *widget,
                 const void *data)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
has_drop_down_tooltip (GtkWidget  *widget,
                       const void *data)
{
  return GTK_IS_DROP_DOWN (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* how many Remove buttons the dialog shows: participants, files, links */
static guint
count_rows_with_remove (KontorActivityDialog *dialog)
{
  g_autoptr(GQueue) queue = g_queue_new ();
  guint n = 0;

  g_queue_push_tail (queue, dialog);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *widget = g_queue_pop_head (queue);

      if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
          g_strcmp0 (gtk_widget_get_tooltip_text (widget), _("Remove")) == 0)
        n++;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }

  return n;
}

static gboolean
has_tooltip (GtkWidget  *widget,
             const void *data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
} RowInDialog;

static gboolean
row_in_dialog (gpointer data)
{
  RowInDialog *wait = data;
  GtkWidget *row = kontor_test_find_row (wait->root, wait->title);

  return row != NULL && gtk_widget_get_mapped (row);
}

static void
wait_dialog_row (KontorActivityDialog *dialog,
                 const char           *title)
{
  RowInDialog wait = { GTK_WIDGET (dialog), title };

  if (!kontor_test_iterate_until (row_in_dialog, &wait, KONTOR_TEST_TIMEOUT))
    g_error ("the dialog does not show “%s”", title);
}

static gboolean
dialog_not_busy (gpointer data)
{
  return !kontor_activity_dialog_is_busy (data);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (fixture->base.path);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return g_file_new_for_path (path);
}

static void
attach (KontorActivityDialog *dialog,
        GFile                *file)
{
  /* the chooser's "Attach" calls this (a native chooser cannot be driven
   * under Xvfb); the copy runs on a worker */
  kontor_activity_dialog_attach_file (dialog, file);
  g_assert_true (kontor_test_iterate_until (dialog_not_busy, dialog, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (50);
}

static GtkWidget *
feedback_of (KontorActivityDialog *dialog)
{
  return kontor_test_find_with_class (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");
}

/* A second contact, its last name plain ASCII (xdotool types no more) */
static KontorContact *
load_other_contact (Fixture *fixture)
{
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt = kontor_test_prepare (fixture->base.store,
                                            "SELECT id FROM contact WHERE id != ?1"
                                            " AND first_name IS NOT NULL AND length (last_name) > 3"
                                            " AND last_name NOT GLOB '*[^A-Za-z]*'"
                                            " ORDER BY rid LIMIT 1",
                                            id_of (fixture->contact));

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT, uuid, NULL);
}

/* Fills the dialog by keyboard: a participant by name and Enter, a
 * colleague ticked with Space, a file, a link and Enter */
static void
fill_lists (Fixture              *fixture,
            KontorActivityDialog *dialog,
            KontorContact        *other,
            GFile                *file)
{
  GtkWidget *participant_row = kontor_test_find_row (GTK_WIDGET (dialog),
                                                     _("Add a contact by name"));
  GtkWidget *link_row = kontor_test_find_row (GTK_WIDGET (dialog), _("Add a link (https://…)"));
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (other));
  g_autofree char *suggestion = g_strdup_printf (_("Add %s"), name);
  GtkWidget *check;

  g_assert_nonnull (participant_row);
  gtk_widget_grab_focus (participant_row);
  type_text (kontor_contact_get_last_name (other));
  wait_dialog_row (dialog, suggestion);
  kontor_test_press ("Return");
  wait_dialog_row (dialog, name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (participant_row)), ==, "");

  /* the first colleague: Tab order reaches the check; Space ticks it */
  check = kontor_test_find_matching (GTK_WIDGET (dialog), is_check_button, NULL);
  g_assert_nonnull (check);
  gtk_widget_grab_focus (check);
  kontor_test_press ("space");
  kontor_test_settle (100);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  attach (dialog, file);
  wait_dialog_row (dialog, "angebot.txt");

  gtk_widget_grab_focus (link_row);
  /* what is not a link is refused with the model's words */
  type_text ("example.org");
  kontor_test_press ("Return");
  kontor_test_settle (100);
  g_assert_true (gtk_widget_get_visible (feedback_of (dialog)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (feedback_of (dialog))),
                            "example.org"));
  kontor_test_press ("ctrl+a");
  type_text ("https://example.org/angebot");
  kontor_test_press ("Return");
  wait_dialog_row (dialog, "https://example.org/angebot");
  g_assert_false (gtk_widget_get_visible (feedback_of (dialog)));
}

static void
test_participants_files_links (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KontorContact) other = load_other_contact (fixture);
  g_autoptr(GFile) offer = write_file (fixture, "angebot.txt", "Angebot: 3 Brote");
  g_autoptr(GFile) b = write_file (fixture, "b.txt", "zwei");
  g_autoptr(GFile) c = write_file (fixture, "c.txt", "drei");
  g_autoptr(GFile) d = write_file (fixture, "d.txt", "vier");
  g_autofree char *other_name = kontor_record_dup_display_name (KONTOR_RECORD (other));
  g_autoptr(GPtrArray) list = NULL;
  g_auto(GStrv) contacts = NULL;
  g_auto(GStrv) users = NULL;
  g_auto(GStrv) links = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *too_many = NULL;
  KontorActivityDialog *dialog;
  KontorActivity *saved;
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "contact.record-activity", NULL));
  dialog = wait_dialog (fixture);
  type_text ("Jahresgespraech");
  fill_lists (fixture, dialog, other, offer);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  kontor_test_press ("ctrl+s");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  wait_row (fixture, "Jahresgespraech", TRUE);

  list = kontor_store_list_activities (fixture->base.store, KONTOR_RECORD (fixture->contact),
                                       KONTOR_ACTIVITY_LIST_OWN, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  saved = g_ptr_array_index (list, 0);
  contacts = kontor_activity_dup_participant_contact_ids (saved);
  g_assert_cmpstrv (contacts, ((const char *[]) { id_of (other), NULL }));
  users = kontor_activity_dup_participant_user_ids (saved);
  g_assert_cmpuint (g_strv_length (users), ==, 1);
  links = kontor_activity_dup_link_list (saved);
  g_assert_cmpstrv (links, ((const char *[]) { "https://example.org/angebot", NULL }));
  files = kontor_activity_dup_attachments (saved);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (kontor_store_has_blob (fixture->base.store,
                                        ((KontorAttachment *) files->pdata[0])->sha256));

  /* the row hints at them, in words for a screen reader too */
  row = find_activity_row (fixture, "Jahresgespraech");
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "2"));

  /* the timeline shows the colleague's activities only: the one ticked
   * has it, the next one none */
  {
    GtkWidget *colleagues = kontor_test_find_matching (GTK_WIDGET (fixture->section),
                                                       has_drop_down_tooltip,
                                                       _("Colleague Taking Part"));
    const char *ticked = users[0];
    guint index = 0;
    GListModel *names;

    g_assert_nonnull (colleagues);
    names = gtk_drop_down_get_model (GTK_DROP_DOWN (colleagues));
    g_assert_cmpuint (g_list_model_get_n_items (names), >, 2);
    for (guint i = 1; i < g_list_model_get_n_items (names); i++)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (colleagues), i);
        if (g_strcmp0 (kontor_colleague_drop_down_get_id (GTK_DROP_DOWN (colleagues)), ticked) == 0)
          index = i;
      }
    g_assert_cmpuint (index, >, 0);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (colleagues), index);
    wait_row (fixture, "Jahresgespraech", TRUE);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (colleagues), index == 1 ? 2 : 1);
    wait_row (fixture, "Jahresgespraech", FALSE);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (colleagues), 0);
    wait_row (fixture, "Jahresgespraech", TRUE);
  }

  /* the other contact's timeline shows it as one it took part in */
  {
    g_autoptr(GPtrArray) theirs = kontor_store_list_timeline (fixture->base.store,
                                                              KONTOR_RECORD (other), 0, 0, NULL);

    g_assert_cmpuint (theirs->len, ==, 1);
  }

  /* reopened: all there; a fourth file is refused with the model's words */
  row = find_activity_row (fixture, "Jahresgespraech");
  gtk_widget_grab_focus (row);
  kontor_test_press ("Return");
  dialog = wait_dialog (fixture);
  wait_dialog_row (dialog, other_name);
  wait_dialog_row (dialog, "angebot.txt");
  wait_dialog_row (dialog, "https://example.org/angebot");
  /* a second participant: typed, Down to the matches, Enter on one */
  {
    GtkWidget *participant_row = kontor_test_find_row (GTK_WIDGET (dialog),
                                                       _("Add a contact by name"));
    guint before = count_rows_with_remove (dialog);

    gtk_widget_grab_focus (participant_row);
    type_text ("a");
    kontor_test_press ("Down");
    kontor_test_settle (100);
    g_assert_true (GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (dialog))));
    kontor_test_press ("Return");
    kontor_test_settle (200);
    g_assert_cmpuint (count_rows_with_remove (dialog), ==, before + 1);
  }
  attach (dialog, b);
  attach (dialog, c);
  wait_dialog_row (dialog, "c.txt");
  attach (dialog, d);
  too_many = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "An activity holds at most %u file.",
                                           "An activity holds at most %u files.", 3), 3);
  g_assert_true (gtk_widget_get_visible (feedback_of (dialog)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (feedback_of (dialog))), ==, too_many);
  g_assert_null (kontor_test_find_row (GTK_WIDGET (dialog), "d.txt"));

  /* one taken away with its Remove button, by keyboard */
  {
    GtkWidget *file_row = kontor_test_find_row (GTK_WIDGET (dialog), "b.txt");
    GtkWidget *remove = kontor_test_find_matching (file_row, has_tooltip, _("Remove"));

    g_assert_nonnull (remove);
    gtk_widget_grab_focus (remove);
    kontor_test_press ("space");
    kontor_test_settle (100);
    g_assert_null (kontor_test_find_row (GTK_WIDGET (dialog), "b.txt"));
  }
  kontor_test_press ("ctrl+s");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  g_clear_pointer (&list, g_ptr_array_unref);
  g_clear_pointer (&files, g_ptr_array_unref);
  list = kontor_store_list_activities (fixture->base.store, KONTOR_RECORD (fixture->contact),
                                       KONTOR_ACTIVITY_LIST_OWN, NULL);
  files = kontor_activity_dup_attachments (g_ptr_array_index (list, 0));
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_cmpstr (((KontorAttachment *) files->pdata[1])->name, ==, "c.txt");
}

static char *
value_text_of (Fixture    *fixture,
               const char *column,
               const char *value)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (KONTOR_TYPE_ACTIVITY);
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);
  g_autofree char *json = json_to_string (node, FALSE);
  const KontorField *field = kontor_record_class_find_field (KONTOR_RECORD_CLASS (klass), column,
                                                             NULL);

  g_assert_nonnull (field);

  return kontor_value_text_dup (fixture->base.store, KONTOR_TYPE_ACTIVITY, field, json);
}

/* The history says the lists in words: names, files with sizes, links */
static void
test_history_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorContact) other = load_other_contact (fixture);
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (other));
  g_autofree char *contacts = g_strdup_printf ("[\"%s\"]", id_of (other));
  g_autofree char *text = value_text_of (fixture, "participant_contacts", contacts);
  g_autofree char *files = NULL;
  g_autofree char *links = NULL;
  g_autofree char *size = g_format_size (2048);
  g_autofree char *expected = g_strdup_printf (_("%s (%s)"), "angebot.pdf", size);

  g_assert_cmpstr (text, ==, name);
  files = value_text_of (fixture, "attachments",
                         "[{\"sha256\": \"" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"name\": \"angebot.pdf\","
                         " \"size\": 2048, \"type\": \"application/pdf\"}]");
  g_assert_cmpstr (files, ==, expected);
  links = value_text_of (fixture, "links", "[\"https://a.example\", \"mailto:x@example.org\"]");
  g_assert_cmpstr (links, ==, "https://a.example, mailto:x@example.org");
}

/* A file above the size asked about: attached only after "Attach" in the
 * question that names it and its size; Cancel keeps nothing */
static void
test_large_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) big = write_file (fixture, "film.bin", "x");
  g_autofree char *path = g_file_get_path (big);
  KontorActivityDialog *dialog;
  AdwMessageDialog *ask;

  g_assert_cmpint (truncate (path, KONTOR_ATTACHMENT_LARGE_SIZE + 1000), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "contact.record-activity", NULL));
  dialog = wait_dialog (fixture);

  kontor_activity_dialog_attach_file (dialog, big);
  ask = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (ask);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ask), "film.bin"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ask), "MB"));
  adw_message_dialog_response (ask, "cancel");
  gtk_window_destroy (GTK_WINDOW (ask));
  kontor_test_settle (100);
  g_assert_false (kontor_activity_dialog_is_busy (dialog));
  g_assert_null (kontor_test_find_row (GTK_WIDGET (dialog), "film.bin"));

  kontor_activity_dialog_attach_file (dialog, big);
  ask = kontor_test_wait_for_message_dialog ();
  adw_message_dialog_response (ask, "attach");
  gtk_window_destroy (GTK_WINDOW (ask));
  g_assert_true (kontor_test_iterate_until (dialog_not_busy, dialog, KONTOR_TEST_TIMEOUT));
  wait_dialog_row (dialog, "film.bin");
}

/* Save pressed while a file is still being copied: the dialog waits for
 * the copy and then saves with the file, never without it */
static void
test_save_while_copying (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) offer = write_file (fixture, "angebot.txt", "Angebot: 3 Brote");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) files = NULL;
  KontorActivityDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "contact.record-activity", NULL));
  dialog = wait_dialog (fixture);
  type_text ("Angebot geschickt");
  /* the copy runs on a worker; its end comes through the main loop, so
   * Save right after it finds it still running */
  kontor_activity_dialog_attach_file (dialog, offer);
  g_assert_true (kontor_activity_dialog_is_busy (dialog));
  g_assert_false (kontor_activity_dialog_save (dialog));
  g_assert_true (gtk_widget_get_visible (feedback_of (dialog)));
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));

  list = kontor_store_list_activities (fixture->base.store, KONTOR_RECORD (fixture->contact),
                                       KONTOR_ACTIVITY_LIST_OWN, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  files = kontor_activity_dup_attachments (g_ptr_array_index (list, 0));
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((KontorAttachment *) files->pdata[0])->name, ==, "angebot.txt");
}

static gboolean
is_open_button (GtkWidget  *widget,
                const void *data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), _("Open")) == 0;
}

/* A link as another machine may have stored it (the sync takes a record
 * as the server sends it): one the model's rule does not take is not
 * handed to the desktop; the dialog says why */
static void
test_link_from_elsewhere (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KontorActivity) note = kontor_activity_new (KONTOR_ACTIVITY_KIND_NOTE,
                                                        KONTOR_RECORD (fixture->contact));
  g_autoptr(KontorActivity) stored = NULL;
  g_autoptr(GError) expected = NULL;
  const char *bad = "file:///etc/passwd";
  g_autofree char *sql = NULL;
  KontorActivityDialog *dialog;
  GtkWidget *row, *open;

  kontor_activity_set_subject (note, "Unterlagen");
  kontor_activity_set_starts_at (note, g_get_real_time () / G_USEC_PER_SEC);
  kontor_test_save (fixture->base.store, note);
  sql = g_strdup_printf ("UPDATE activity SET links = '[\"%s\"]' WHERE id = '%s'", bad,
                         kontor_record_get_id (KONTOR_RECORD (note)));
  kontor_test_exec (fixture->base.store, sql);
  g_assert_false (kontor_activity_check_link (bad, &expected));

  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_ACTIVITY,
                              kontor_record_get_id (KONTOR_RECORD (note)), NULL);
  dialog = kontor_activity_dialog_new (GTK_WIDGET (fixture->window), fixture->context, stored);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_mapped (dialog);
  row = kontor_test_find_row (GTK_WIDGET (dialog), bad);
  g_assert_nonnull (row);
  open = kontor_test_find_matching (row, is_open_button, NULL);
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  g_assert_true (gtk_widget_get_visible (feedback_of (dialog)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (feedback_of (dialog))), ==,
                   expected->message);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A contact of the demo named uniquely, for typing part of the name */
static KontorContact *
load_named_contact (Fixture *fixture)
{
  KontorContact *other = load_other_contact (fixture);

  kontor_contact_set_last_name (other, "Quastenberg");
  kontor_test_save (fixture->base.store, other);

  return other;
}

static gboolean
placeholder_is (GtkWidget  *widget,
                const void *text)
{
  g_autofree char *placeholder = NULL;

  if (!GTK_IS_SEARCH_ENTRY (widget))
    return FALSE;
  g_object_get (widget, "placeholder-text", &placeholder, NULL);

  return g_strcmp0 (placeholder, text) == 0;
}

/* Types part of the name into the contact search, Down to the matches,
 * Enter on the first */
static void
pick_contact (GtkWidget *entry)
{
  gtk_widget_grab_focus (entry);
  type_text ("quasten");
  kontor_test_press ("Down");
  kontor_test_settle (100);
  g_assert_true (GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (gtk_widget_get_root (entry))));
  kontor_test_press ("Return");
  kontor_test_settle (200);
}

/* A contact who took part filters the "Aktivitäten" list (feature A6):
 * typed, Down, Enter; the chip "× name", Enter or Escape on it brings all
 * back. The filter holds one person: the contact replaces a colleague
 * chosen, and the colleague drop-down shows "All" */
static void
test_contact_filter (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorWorkspace *workspace = KONTOR_WORKSPACE (kontor_window_get_workspace (fixture->window));
  g_autoptr(KontorContact) other = load_named_contact (fixture);
  g_autofree char *other_name = kontor_record_dup_display_name (KONTOR_RECORD (other));
  g_autofree char *chip_name = g_strdup_printf (_("Remove filter: %s"), other_name);
  g_autoptr(KontorActivity) own = save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL,
                                                 "Erstgespräch");
  g_autoptr(KontorActivity) met = save_activity (fixture, KONTOR_ACTIVITY_KIND_NOTE,
                                                 "Werksbesuch");
  g_autoptr(KontorActivity) shown = NULL;
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  KontorActivitiesView *view;
  KontorFilter *filter;
  GListModel *list;
  GtkWidget *entry, *chip, *colleagues;
  const char *colleague;

  kontor_activity_set_participant_contact_ids (met, (const char *[]) { id_of (other), NULL });
  kontor_test_save (fixture->base.store, met);

  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("Escape");
  kontor_test_settle (300);
  kontor_test_press ("ctrl+4");
  kontor_test_settle (300);
  view = KONTOR_ACTIVITIES_VIEW (kontor_test_find_widget (GTK_WIDGET (workspace),
                                                          KONTOR_TYPE_ACTIVITIES_VIEW));
  g_assert_nonnull (view);
  wait_mapped (view);
  filter = kontor_activities_view_get_filter (view);
  list = kontor_activities_view_get_list (view);
  kontor_test_wait_n_items (list, 2);

  entry = kontor_test_find_matching (GTK_WIDGET (view), placeholder_is, _("Contact taking part…"));
  g_assert_nonnull (entry);
  /* Escape on the matches goes back to the search, emptied, nothing chosen */
  gtk_widget_grab_focus (entry);
  type_text ("quasten");
  kontor_test_press ("Down");
  kontor_test_settle (100);
  g_assert_true (GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (fixture->window))));
  /* the matches are named too */
  kontor_test_assert_accessible (GTK_WIDGET (view));
  kontor_test_press ("Escape");
  kontor_test_settle (100);
  g_assert_false (GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (fixture->window))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_null (kontor_filter_get_activity_participant_id (filter));

  pick_contact (entry);
  g_assert_cmpstr (kontor_filter_get_activity_participant_id (filter), ==, id_of (other));
  kontor_test_wait_n_items (list, 1);
  shown = g_list_model_get_item (list, 0);
  g_assert_cmpstr (id_of (shown), ==, id_of (met));

  /* the chip, named for what it does, has the keyboard */
  chip = kontor_test_find_matching (GTK_WIDGET (view), has_tooltip, chip_name);
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_get_visible (chip));
  g_assert_false (gtk_widget_get_visible (entry));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == chip);
  kontor_test_assert_accessible (GTK_WIDGET (view));
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "activities-contact-filter.png", NULL);

      kontor_test_settle (300);
      kontor_test_take_screenshots (GTK_WIDGET (fixture->window), shot);
      gtk_widget_grab_focus (chip);
      kontor_test_settle (100);
    }

  /* Enter on the chip: all back, the keyboard in the search again */
  kontor_test_press ("Return");
  kontor_test_wait_n_items (list, 2);
  g_assert_null (kontor_filter_get_activity_participant_id (filter));
  g_assert_false (gtk_widget_get_visible (chip));
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry) ||
                 gtk_root_get_focus (GTK_ROOT (fixture->window)) == entry);

  /* a colleague, then the contact: the one filter takes the contact */
  colleagues = kontor_test_find_matching (GTK_WIDGET (view), has_drop_down_tooltip,
                                          _("Colleague Taking Part"));
  g_assert_nonnull (colleagues);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (colleagues), 1);
  colleague = kontor_colleague_drop_down_get_id (GTK_DROP_DOWN (colleagues));
  g_assert_nonnull (colleague);
  g_assert_cmpstr (kontor_filter_get_activity_participant_id (filter), ==, colleague);
  kontor_test_wait_n_items (list, 0);
  pick_contact (entry);
  g_assert_cmpstr (kontor_filter_get_activity_participant_id (filter), ==, id_of (other));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (colleagues)), ==, 0);
  kontor_test_wait_n_items (list, 1);

  /* Escape on the chip clears it too */
  kontor_test_press ("Escape");
  kontor_test_wait_n_items (list, 2);
  g_assert_null (kontor_filter_get_activity_participant_id (filter));
  g_assert_nonnull (own);
}

/* Chooses the @index-th item of a drop-down by the keyboard: Enter opens
 * its list, Down moves, Enter takes */
static void
choose_by_keyboard (GtkWidget *drop_down,
                    guint      index)
{
  gtk_widget_grab_focus (drop_down);
  kontor_test_settle (100);
  kontor_test_press ("Return");
  kontor_test_settle (300);
  kontor_test_press ("Home");
  for (guint i = 0; i < index; i++)
    kontor_test_press ("Down");
  kontor_test_press ("Return");
  kontor_test_settle (300);
}

/* A company's timeline with its contacts' activities, filtered by a
 * contact who took part: a drop-down of those of the timeline */
static void
test_company_contact_filter (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KontorContact) other = load_named_contact (fixture);
  g_autofree char *other_name = kontor_record_dup_display_name (KONTOR_RECORD (other));
  g_autoptr(KontorActivity) call = save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL,
                                                  "Erstgespräch");
  g_autoptr(KontorCompany) company = kontor_store_load (fixture->base.store, KONTOR_TYPE_COMPANY,
                                                        kontor_contact_get_company_id (
                                                          fixture->contact), NULL);
  g_autoptr(KontorActivity) lunch = kontor_activity_new (KONTOR_ACTIVITY_KIND_LUNCH,
                                                         KONTOR_RECORD (company));
  KontorCompanyPage *company_page;
  KontorActivitiesSection *section;
  GtkWidget *affiliation, *contacts;
  GListModel *names;
  guint index = 0;

  kontor_activity_set_subject (lunch, "Mittagessen mit der Geschäftsführung");
  kontor_activity_set_starts_at (lunch, g_get_real_time () / G_USEC_PER_SEC - 86400);
  kontor_activity_set_participant_contact_ids (lunch, (const char *[]) { id_of (other), NULL });
  kontor_test_save (fixture->base.store, lunch);

  company_page = KONTOR_COMPANY_PAGE (kontor_window_get_company_page (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-company",
                                             "s", id_of (company)));
  wait_mapped (company_page);
  section = KONTOR_ACTIVITIES_SECTION (kontor_test_find_widget (GTK_WIDGET (company_page),
                                                                KONTOR_TYPE_ACTIVITIES_SECTION));
  fixture->section = section;
  affiliation = kontor_test_find_row (GTK_WIDGET (section), _("Include Its Contacts’ Activities"));
  gtk_widget_grab_focus (affiliation);
  kontor_test_press ("space");
  wait_row (fixture, "Erstgespräch", TRUE);
  g_assert_cmpuint (kontor_activities_section_get_n_rows (section), ==, 2);

  /* the contacts of the timeline: the one it was recorded on, the one
   * who took part */
  contacts = kontor_test_find_matching (GTK_WIDGET (section), has_drop_down_tooltip,
                                        _("Contact Taking Part"));
  g_assert_nonnull (contacts);
  g_assert_true (gtk_widget_get_visible (contacts));
  names = gtk_drop_down_get_model (GTK_DROP_DOWN (contacts));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 3);
  for (guint i = 1; i < 3; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), other_name) == 0)
      index = i;
  g_assert_cmpuint (index, >, 0);
  kontor_test_assert_accessible (GTK_WIDGET (section));

  choose_by_keyboard (contacts, index);
  wait_row (fixture, "Erstgespräch", FALSE);
  g_assert_nonnull (find_activity_row (fixture, "Mittagessen mit der Geschäftsführung"));
  g_assert_cmpuint (kontor_activities_section_get_n_rows (section), ==, 1);
  g_assert_cmpstr (kontor_colleague_drop_down_get_id (GTK_DROP_DOWN (contacts)), ==,
                   id_of (other));

  /* "All Contacts" again: both back */
  choose_by_keyboard (contacts, 0);
  wait_row (fixture, "Erstgespräch", TRUE);
  g_assert_cmpuint (kontor_activities_section_get_n_rows (section), ==, 2);
  g_assert_nonnull (call);
}

/* The dialog with participants, files and links, for a person to look at */
static void
test_lists_screenshot (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  g_autoptr(KontorContact) other = load_other_contact (fixture);
  g_autoptr(GFile) offer = write_file (fixture, "angebot.txt", "Angebot: 3 Brote");
  g_autofree char *shot = NULL;
  KontorActivityDialog *dialog;

  if (dir == NULL)
    {
      g_test_skip ("KONTOR_SCREENSHOT_DIR is not set");
      return;
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "contact.record-activity", NULL));
  dialog = wait_dialog (fixture);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, 860);
  type_text ("Jahresgespraech");
  fill_lists (fixture, dialog, other, offer);
  /* scrolled down to the lists */
  gtk_widget_grab_focus (kontor_test_find_matching (
                           kontor_test_find_row (GTK_WIDGET (dialog), "https://example.org/angebot"),
                           has_tooltip, _("Remove")));
  kontor_test_settle (400);
  shot = g_build_filename (dir, "activity-dialog-lists.png", NULL);
  kontor_test_take_screenshots (GTK_WIDGET (dialog), shot);

  /* saved: the timeline's row with its people and paperclip */
  kontor_test_press ("ctrl+s");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  wait_row (fixture, "Jahresgespraech", TRUE);
  kontor_test_settle (400);
  g_clear_pointer (&shot, g_free);
  shot = g_build_filename (dir, "activities-timeline-lists.png", NULL);
  kontor_test_take_screenshots (GTK_WIDGET (fixture->window), shot);
}

/* The timeline and the dialog for a person to look at, in the run's
 * language, light and dark */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  g_autoptr(KontorActivity) call = save_activity (fixture, KONTOR_ACTIVITY_KIND_CALL,
                                                  "Erstgespräch mit dem Einkauf");
  g_autoptr(KontorActivity) task = save_activity (fixture, KONTOR_ACTIVITY_KIND_TASK,
                                                  "Angebot schicken");
  g_autoptr(KontorActivity) note = save_activity (fixture, KONTOR_ACTIVITY_KIND_NOTE,
                                                  "Interesse an Wartungsvertrag");
  g_autofree char *page_shot = NULL;
  g_autofree char *dialog_shot = NULL;
  g_autofree char *today_shot = NULL;
  KontorActivityDialog *dialog;

  if (dir == NULL)
    {
      g_test_skip ("KONTOR_SCREENSHOT_DIR is not set");
      return;
    }

  kontor_activity_set_due_on (task, "2026-12-01");
  kontor_test_save (fixture->base.store, task);
  wait_row (fixture, "Interesse an Wartungsvertrag", TRUE);
  /* the page's slide in has ended */
  kontor_test_settle (600);
  page_shot = g_build_filename (dir, "activities-timeline.png", NULL);
  kontor_test_take_screenshots (GTK_WIDGET (fixture->window), page_shot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "contact.record-activity", NULL));
  dialog = wait_dialog (fixture);
  dialog_shot = g_build_filename (dir, "activity-dialog.png", NULL);
  kontor_test_take_screenshots (GTK_WIDGET (dialog), dialog_shot);
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));

  /* the Today page with the overdue task */
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("Escape");
  kontor_test_settle (300);
  kontor_test_press ("ctrl+5");
  kontor_test_settle (800);
  today_shot = g_build_filename (dir, "today.png", NULL);
  kontor_test_take_screenshots (GTK_WIDGET (fixture->window), today_shot);
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    g_mkdir_with_parents (g_getenv ("KONTOR_SCREENSHOT_DIR"), 0755);
  app = kontor_test_app_new ("io.github.kontor.Kontor.Activities");

#define ADD(path, func) \
  g_test_add ("/ui/activities/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("quick-entry", test_quick_entry);
  ADD ("after-other-writer", test_after_other_writer);
  ADD ("dialog-by-keyboard", test_dialog_by_keyboard);
  ADD ("dialog-refusals", test_dialog_refusals);
  ADD ("task-done", test_task_done);
  ADD ("edit-and-delete", test_edit_and_delete);
  ADD ("automatic", test_automatic);
  ADD ("affiliation", test_affiliation);
  ADD ("timeline-filters", test_timeline_filters);
  ADD ("all-activities", test_all_activities);
  ADD ("today", test_today);
  ADD ("reminder-actions", test_reminder_actions);
  ADD ("screenshots", test_screenshots);
  ADD ("participants-files-links", test_participants_files_links);
  ADD ("lists-screenshot", test_lists_screenshot);
  ADD ("large-file", test_large_file);
  ADD ("save-while-copying", test_save_while_copying);
  ADD ("link-from-elsewhere", test_link_from_elsewhere);
  ADD ("history-text", test_history_text);
  ADD ("contact-filter", test_contact_filter);
  ADD ("company-contact-filter", test_company_contact_filter);
#undef ADD

  return g_test_run ();
}
