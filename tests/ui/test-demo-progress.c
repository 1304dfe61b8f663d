/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-demo-progress"

#include "config.h"

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "kontor-contacts-view.h"
#include "kontor-demo-fill.h"
#include "kontor-job-banner.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* `kontor --demo` fills its database on a worker thread while the window
 * is already shown: a banner at the foot tells how far it is and offers
 * "Cancel"; cancelling leaves an empty, usable database and table, and a
 * finished fill shows up in the table without a restart. */

#define N_CONTACTS 300

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorRecordList   *list;
  KontorJobBanner    *banner;
  KontorStoreJob     *job;
  gboolean            wait_for_cancel;
  gboolean            done;
  GError             *error;
} Fixture;

/* The demo fill, then (for the cancel test) a wait until the job is
 * cancelled: so "Cancel" is always pressed before the job could commit,
 * however fast this machine is. */
static gboolean
fill_func (KontorStoreJob  *job,
           KontorStore     *connection,
           gpointer         user_data,
           GCancellable    *cancellable,
           GError         **error)
{
  Fixture *fixture = user_data;

  if (!kontor_demo_fill (job, connection, N_CONTACTS, KONTOR_DEMO_DEFAULT_SEED, error))
    return FALSE;

  if (fixture->wait_for_cancel)
    kontor_test_wait_cancelled (cancellable);

  return TRUE;
}

static void
on_job_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *fixture = user_data;

  kontor_store_job_run_finish (KONTOR_STORE_JOB (source_object), result, &fixture->error);
  fixture->done = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *title = NULL;
  KontorContactsView *view;

  kontor_store_fixture_set_up (&fixture->base, data);
  fixture->wait_for_cancel = GPOINTER_TO_INT (data);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1000, 700);

  view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  fixture->list = kontor_contacts_view_get_list (view);
  fixture->banner = KONTOR_JOB_BANNER (kontor_test_find_widget (GTK_WIDGET (fixture->window),
                                                                KONTOR_TYPE_JOB_BANNER));
  g_assert_nonnull (fixture->banner);

  /* as KontorApplication starts `--demo`, with the func above */
  title = g_strdup_printf ("Creating a sample team with %u contacts", N_CONTACTS);
  fixture->job = kontor_store_job_new (fixture->base.store, title, fill_func, fixture, NULL);
  kontor_window_show_job (fixture->window, fixture->job);
  kontor_store_job_run_async (fixture->job, NULL, on_job_done_cb, fixture);
}

static gboolean
job_done (gpointer data)
{
  Fixture *fixture = data;

  return fixture->done;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!fixture->done)
    {
      kontor_store_job_cancel (fixture->job);
      kontor_test_iterate_until (job_done, fixture, KONTOR_TEST_TIMEOUT);
    }
  g_clear_object (&fixture->job);
  g_clear_error (&fixture->error);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static GtkWidget *
find_cancel_button (Fixture *fixture)
{
  GtkWidget *button = kontor_test_find_button (GTK_WIDGET (fixture->banner), "_Cancel");

  g_assert_nonnull (button);

  return button;
}

static gboolean
banner_shows_progress (gpointer data)
{
  Fixture *fixture = data;
  GtkProgressBar *bar = GTK_PROGRESS_BAR (kontor_test_find_widget (GTK_WIDGET (fixture->banner),
                                                                   GTK_TYPE_PROGRESS_BAR));

  GtkRevealer *revealer = GTK_REVEALER (kontor_test_find_widget (GTK_WIDGET (fixture->banner),
                                                                 GTK_TYPE_REVEALER));

  /* shown to its end: a click during the slide in would miss the button */
  return gtk_progress_bar_get_fraction (bar) > 0 &&
         gtk_revealer_get_child_revealed (revealer) &&
         kontor_test_widget_is_mapped (find_cancel_button (fixture));
}

/* A click with the mouse where the button is, through the X server, as a
 * person would; elsewhere the key binding's activation of the focused
 * button. */
static void
press_button (GtkWidget *button)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (button));

  if (xdotool != NULL && GDK_IS_X11_SURFACE (surface))
    {
      GtkWidget *native = GTK_WIDGET (gtk_widget_get_native (button));
      graphene_point_t center = GRAPHENE_POINT_INIT (gtk_widget_get_width (button) / 2.0f,
                                                     gtk_widget_get_height (button) / 2.0f);
      graphene_point_t point;
      double dx, dy;
      g_autofree char *window = NULL, *x = NULL, *y = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_assert_true (gtk_widget_compute_point (button, native, &center, &point));
      gtk_native_get_surface_transform (GTK_NATIVE (native), &dx, &dy);
      window = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
      x = g_strdup_printf ("%d", (int) (point.x + dx));
      y = g_strdup_printf ("%d", (int) (point.y + dy));
      {
        const char *argv[] = { xdotool, "mousemove", "--window", window, x, y,
                               "click", "1", NULL };

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     NULL, NULL, &status, &error));
      }
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      return;
    }
#endif

  g_test_message ("no xdotool under X: activating the button as Enter would");
  gtk_widget_grab_focus (button);
  gtk_widget_activate (button);
}

static void
test_cancel_leaves_empty_table (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkLabel *label;
  GtkWidget *button;

  /* the window is there at once; the banner tells how far the fill is */
  g_assert_true (kontor_test_iterate_until (banner_shows_progress, fixture,
                                            KONTOR_TEST_TIMEOUT * 6));
  label = GTK_LABEL (kontor_test_find_widget (GTK_WIDGET (fixture->banner), GTK_TYPE_LABEL));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (label), "Creating a sample team"));
  g_assert_true (g_str_has_suffix (gtk_label_get_label (label), " %"));
  kontor_test_assert_accessible (GTK_WIDGET (fixture->banner));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 0);

  button = find_cancel_button (fixture);
  press_button (button);
  g_assert_true (kontor_test_iterate_until (job_done, fixture, KONTOR_TEST_TIMEOUT * 6));
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* nothing is left of the sample, the database is whole, the table empty */
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM company", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM outbox", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM pragma_integrity_check "
                                          "WHERE integrity_check != 'ok'", NULL), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 0);
  g_assert_false (kontor_store_job_get_running (fixture->job));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (
    kontor_test_find_widget (GTK_WIDGET (fixture->banner), GTK_TYPE_REVEALER))));
}

static void
test_finished_fill_shows_in_table (Fixture       *fixture,
                                   gconstpointer  data)
{
  gint64 current;

  g_assert_true (kontor_test_iterate_until (job_done, fixture, KONTOR_TEST_TIMEOUT * 6));
  g_assert_no_error (fixture->error);

  /* the table caught up without a restart */
  current = kontor_test_query_int (fixture->base.store,
                                   "SELECT count(*) FROM contact WHERE status != 3", NULL);
  g_assert_cmpint (current, >, N_CONTACTS / 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, current);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (
    kontor_test_find_widget (GTK_WIDGET (fixture->banner), GTK_TYPE_REVEALER))));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new (APP_ID ".TestDemoProgress");

  g_test_add ("/demo-progress/cancel-leaves-empty-table", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_cancel_leaves_empty_table, fixture_tear_down);
  g_test_add ("/demo-progress/finished-fill-shows-in-table", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_finished_fill_shows_in_table, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
