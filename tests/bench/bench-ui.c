/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Table figures for src/README.md "Performance targets", under Xvfb with the
 * cairo renderer (src/README.md "Running headless", "Performance targets").
 * The anchors come first, measured in the same run, and most figures are
 * also given as a ratio to one of them:
 *
 *   empty_window_first_frame_ms   spawn of a fresh process → first frame of
 *                                 an empty AdwApplicationWindow; its RSS
 *                                 then is empty_rss_mb_first_frame
 *   anchor_first_frame_ms         … of a bare GtkColumnView of the table's
 *                                 shape (8 GtkInscription columns over a lazy
 *                                 GListModel of as many items as contacts,
 *                                 tests/bench/bench-anchor.c), and
 *   anchor_replace_ms             that column view's next frame after all its
 *                                 items were replaced (median of 7)
 *   first_screen_ms               a presented, painted window gets a new
 *                                 KontorContactsView (which runs the id
 *                                 query) → the next painted frame
 *   window_first_frame_ms         spawn → first frame of the main window
 *                                 over all contacts; start_ratio is it over
 *                                 anchor_first_frame_ms
 *   rss_mb_first_frame            VmRSS then; rss_over_empty_mb beside the
 *                                 empty window's
 *   rss_mb_100k                   VmRSS 1 s after the table is painted, and
 *   rss_mb_after_scroll           after it was then scrolled from top to
 *                                 bottom with the keyboard (Page Down 120
 *                                 times, Ctrl+End; real key events from
 *                                 xdotool), and
 *   rss_mb_after_use              after the sorts and the typing below
 *   sort_click_max_ms             kontor_contacts_view_sort_by() → next
 *                                 frame, the slowest of every column in both
 *                                 directions (each in sort_columns_ms)
 *   search_type_p95_ms            a keystroke in the search entry (no delay)
 *                                 → the first frame after the search ran,
 *                                 p95 over the typed steps; with
 *                                 search_type_p95_ratio to anchor_replace_ms;
 *   search_clear_p95_ms           … the same for clearing the search
 *   board_open_10k_ms             as first_screen_ms, with the pipeline board
 *                                 shown, over KONTOR_BENCH_BOARD_CONTACTS
 *                                 (default 10 000) contacts; next to it
 *   table_open_10k_ms             … the table over the same contacts
 *   board_move_ms                 kontor_board_move_contact() of one card to
 *                                 the top of the next column, committed (its
 *                                 store transaction and the lists' refresh);
 *                                 the median of BOARD_MOVES moves
 *   board_move_store_ms           … until the store's transaction is
 *                                 committed (durable), before any list heard
 *   board_move_paint_ms           … until the next frame is painted
 *   board_open_cards_made         the cards (and board_open_widgets, the
 *                                 widgets) the board's first frame made
 *   lead_board_open_10k_ms        as board_open_10k_ms, with the lead
 *                                 project's page showing its board
 *                                 (lead-project-view "board") over a project
 *                                 of the same store with an entry for each
 *                                 contact that may join (lead_board_entries,
 *                                 spread over as many statuses as the
 *                                 pipeline's like the contacts over theirs,
 *                                 make_lead_project()); lead_board_open_ratio
 *                                 is it over board_open_10k_ms
 *   lead_board_move_ms            as board_move_ms on that board (the
 *                                 entry's lead move), with
 *                                 lead_board_move_ratio over board_move_ms,
 *                                 lead_board_move_store_ms, …_paint_ms
 *   lead_board_open_cards_made    as board_open_cards_made
 *   lead_board_widget_…           the same of the board widget alone
 *                                 (kontor_board_new_for_lead_project()) in
 *                                 that window, without the page: the page's
 *                                 share is the difference
 *   board_scroll_worst_frame_ms   the longest interval between painted
 *                                 frames while a column of the large store
 *                                 with at least BOARD_SCROLL_CARDS cards
 *                                 (board_scroll_cards) is scrolled to its end
 *                                 by a page per frame; beside it the median
 *                                 and p99 interval (the frame clock paints
 *                                 at most every 16.7 ms) and each frame's
 *                                 own work, from its start to its paint
 *                                 (board_scroll_worst_busy_ms, …_median_…,
 *                                 …_p99_…); next to them
 *   anchor_scroll_worst_frame_ms  … the same of a bare GtkGridView of as
 *                                 many items of the cards' height in a view
 *                                 of the column's size (bench-anchor.c), and
 *                                 board_scroll_worst_frame_ratio
 *   table_move_ms                 the same operation on the contact in the
 *                                 table's first row (to the next active
 *                                 status), committed; and
 *   table_move_paint_ms           … until the next frame is painted
 *
 * The parent makes the demo store once in a temporary folder and runs each
 * measurement in a fresh child process (itself with --child MODE), so that
 * caches and renderer state do not leak from one into the next; starts are
 * repeated KONTOR_BENCH_RUNS times (default 3) and the median is reported.
 * Times are g_get_monotonic_time(), which is the same clock in every
 * process. Without a display it prints {"skipped": "no display"} and exits
 * with 77 (meson's "skipped"). Prints one JSON object on stdout, progress
 * on stderr, and asserts nothing about time; a measurement that fails
 * (its child dies) fails the bench after the figures are printed. */

#define G_LOG_DOMAIN "bench-ui"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "bench-anchor.h"
#include "kontor-bench.h"
#include "kontor-board-card.h"
#include "kontor-board-column.h"
#include "kontor-contacts-view.h"
#include "kontor-context.h"
#include "kontor-demo-fill.h"
#include "kontor-field-change.h"
#include "kontor-lead-project-page.h"
#include "kontor-lead-status.h"
#include "kontor-record-list.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"
#include "kontor-window.h"

#define WINDOW_WIDTH 1200
#define WINDOW_HEIGHT 800

/* the contacts table's columns (all shown by default), by their ids */
static const char *table_columns[] = {
  "name", "company", "status", "pipeline-status", "email", "phone", "customer-number",
  "last-activity",
};

#define N_TABLE_COLUMNS G_N_ELEMENTS (table_columns)

/* times the anchor replaces all its items, of which the median is reported */
#define ANCHOR_REPLACES 7

/* Page Down presses before Ctrl+End when the table is scrolled through */
#define SCROLL_PAGES 120

/* moves measured on the board, of which the median is reported */
#define BOARD_MOVES 7

/* the lead project made for the board's measurements, beside the sample
 * team's own */
#define LEAD_PROJECT_NAME "Bench"

/* the fewest cards of the column scrolled to its end */
#define BOARD_SCROLL_CARDS 5000
/* the board's columns, kontor-board.css */
#define BOARD_COLUMN_WIDTH 292

/* longest wait for one frame before the figure is given up (null), and
 * for a whole child process; meson gives the bench 600 s */
#define FRAME_TIMEOUT_MS 60000
#define CHILD_TIMEOUT_S 450

/* What a person types, one keystroke per step: a step that extends the
 * text inserts the new character at the end (one "changed", like a key
 * press); "" clears the entry (Escape, or Ctrl+A and Backspace). */
static const char *typed_steps[] = {
  "M", "Mü", "Mül", "Müll", "Mülle", "Müller", "",
  "a", "an", "ann", "anna", "anna ", "anna m", "anna mü", "",
  "S", "Sc", "Sch", "Schm", "",
  "G", "Gm", "Gmb", "GmbH", "",
  "0", "03", "030", "030 ", "030 1", "",
};

/* ------------------------------------------------------------------------ */
/* Child: one measurement in a fresh process */

typedef struct
{
  const char     *mode;
  const char     *path;
  gint64          t0;               /* spawn time in the parent, monotonic µs */
  AdwApplication *app;
  KontorStore    *store;
  GSettings      *settings;
  KontorContext  *context;
  GtkWindow      *window;
  GdkFrameClock  *frame_clock;
  guint           n_paints;
  gint64          last_paint;
  gboolean        searched;
  guint           paints_at_search;
  gint64          search_done;
} Child;

static void
report (const char *key,
        double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* flushed line by line: a child that dies later still has told these */
  printf ("%s %s\n", key, g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
  fflush (stdout);
}

static double
since_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   Child         *child)
{
  child->n_paints++;
  child->last_paint = g_get_monotonic_time ();
}

static void
on_window_realize_cb (GtkWidget *widget,
                      Child     *child)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

  child->frame_clock = gdk_surface_get_frame_clock (surface);
  g_signal_connect (child->frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), child);
}

static gboolean
on_tick_cb (gpointer data)
{
  /* only wakes the main loop, so that waits notice their deadline */
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until *counter > @above. Returns: the time of the
 * paint that got there, or 0 after FRAME_TIMEOUT_MS */
static gint64
wait_for_paint (Child *child,
                guint  above)
{
  gint64 deadline = g_get_monotonic_time () + FRAME_TIMEOUT_MS * 1000;
  guint tick = g_timeout_add (50, on_tick_cb, NULL);

  while (child->n_paints <= above && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  return child->n_paints > above ? child->last_paint : 0;
}

static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  guint tick = g_timeout_add (10, on_tick_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static double
paint_ms (gint64 paint,
          gint64 start)
{
  return paint > 0 ? (paint - start) / 1000.0 : NAN;
}

static void
open_context (Child *child)
{
  g_autoptr(GError) error = NULL;

  child->store = kontor_store_open (child->path, &error);
  if (child->store == NULL)
    g_error ("Could not open %s: %s", child->path, error->message);
  child->settings = g_settings_new (APP_ID);
  child->context = kontor_context_new (child->store, child->settings);
}

static void
present (Child     *child,
         GtkWindow *window)
{
  child->window = window;
  gtk_window_set_default_size (window, WINDOW_WIDTH, WINDOW_HEIGHT);
  g_signal_connect_after (window, "realize", G_CALLBACK (on_window_realize_cb), child);
  gtk_window_present (window);
}

static void
report_renderer (Child *child)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (child->window));

  /* a number per line: the parent only reads numbers; the name goes to stderr */
  kontor_bench_log ("renderer: %s", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  report ("renderer_is_cairo", GSK_IS_CAIRO_RENDERER (renderer));
}

/* An empty window is up and painted, then a contacts view (and with it its
 * lists and their queries) is made and put in; reports @prefix_ms (to the
 * next painted frame) and @prefix_build_ms (made) */
static GtkWidget *
show_contacts_view (Child      *child,
                    const char *prefix)
{
  g_autofree char *key = g_strconcat (prefix, "_ms", NULL);
  g_autofree char *build_key = g_strconcat (prefix, "_build_ms", NULL);
  GtkWidget *view;
  gint64 start, built;

  present (child, GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (child->app))));
  if (wait_for_paint (child, 0) == 0)
    g_error ("The window was never painted");
  settle (300);

  start = g_get_monotonic_time ();
  view = kontor_contacts_view_new (child->context);
  built = g_get_monotonic_time ();
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (child->window), view);

  report (key, paint_ms (wait_for_paint (child, child->n_paints), start));
  report (build_key, (built - start) / 1000.0);

  return view;
}

/* The table's first screen */
static GtkWidget *
run_first_screen (Child *child)
{
  GtkWidget *view;

  open_context (child);
  view = show_contacts_view (child, "first_screen");
  report ("first_screen_rows",
          g_list_model_get_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (
            KONTOR_CONTACTS_VIEW (view)))));

  return view;
}

static void
on_store_changed_cb (KontorStore *store,
                     const char  *entity,
                     GArray      *rowids,
                     gint64      *committed)
{
  if (*committed == 0)
    *committed = g_get_monotonic_time ();
}

/* The table's first screen, then the contact in its first row moved to
 * another active pipeline status with the operation the board uses (the
 * status as the contact page changes it), so that board_move_ms has its
 * table counterpart: committed, and painted. */
static void
run_table (Child *child)
{
  g_autoptr(GArray) move_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint_after_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) active = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GListModel *list;
  GtkWidget *view;

  view = run_first_screen (child);
  list = G_LIST_MODEL (kontor_contacts_view_get_list (KONTOR_CONTACTS_VIEW (view)));
  settle (500);

  statuses = kontor_store_list_pipeline_statuses (child->store, &error);
  if (statuses == NULL)
    g_error ("No pipeline statuses: %s", error->message);
  for (guint i = 0; i < statuses->len; i++)
    if (kontor_pipeline_status_get_active (g_ptr_array_index (statuses, i)))
      g_ptr_array_add (active, g_ptr_array_index (statuses, i));
  if (active->len < 2)
    g_error ("Fewer than two active pipeline statuses");

  for (guint i = 0, row = 0; i < BOARD_MOVES; i++, row++)
    {
      g_autoptr(KontorContact) contact = NULL;
      g_autoptr(KontorFieldChange) change = NULL;
      const char *to = NULL;
      gint64 start;
      guint paints;
      double ms;

      /* inbox contacts are in the table but cannot move (feature C4, src/README.md) */
      do
        {
          g_clear_object (&contact);
          contact = g_list_model_get_item (list, row++);
        }
      while (contact != NULL &&
             kontor_contact_status_is_restricted (kontor_contact_get_status (contact)));
      if (contact == NULL)
        g_error ("The table has no contact to move");
      row--;
      /* the status after the contact's own, in the board's order */
      for (guint j = 0; j < active->len && to == NULL; j++)
        if (g_strcmp0 (kontor_record_get_id (g_ptr_array_index (active, j)),
                       kontor_contact_get_pipeline_status_id (contact)) == 0)
          to = kontor_record_get_id (g_ptr_array_index (active, (j + 1) % active->len));
      if (to == NULL)
        to = kontor_record_get_id (g_ptr_array_index (active, 0));

      paints = child->n_paints;
      start = g_get_monotonic_time ();
      change = kontor_field_change_new_move (child->store, contact, to, NULL, NULL, "bench");
      if (!kontor_operation_apply (KONTOR_OPERATION (change), &error))
        g_error ("The contact was not moved: %s", error->message);
      ms = since_ms (start);
      g_array_append_val (move_ms, ms);
      ms = paint_ms (wait_for_paint (child, paints), start);
      g_array_append_val (paint_after_ms, ms);
      settle (300);
    }
  report ("table_move_ms", kontor_bench_median (move_ms));
  report ("table_move_paint_ms", kontor_bench_median (paint_after_ms));
}

/* report () of @prefix@name */
static void
report_as (const char *prefix,
           const char *name,
           double      value)
{
  g_autofree char *key = g_strconcat (prefix, name, NULL);

  report (key, value);
}

/* The widgets of @type in @widget and under it */
static guint
count_widgets (GtkWidget *widget,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);

  return n;
}

/* The top card of column i moved to the top of column i + 1, as
 * Ctrl+Alt+→ does, each time from another column, BOARD_MOVES times:
 * reports @prefix_move_ms (committed: the store's transaction and the
 * lists' refresh), @prefix_move_store_ms (until the store's transaction
 * is committed, which *committed hears first) and @prefix_move_paint_ms
 * (the next painted frame), medians */
static void
move_cards (Child       *child,
            KontorBoard *board,
            gint64      *committed,
            const char  *prefix)
{
  g_autoptr(GArray) move_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint_after_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < BOARD_MOVES; i++)
    {
      guint n_columns = kontor_board_get_n_columns (board);
      KontorBoardColumn *from = kontor_board_get_column (board, i % (n_columns - 1));
      KontorBoardColumn *to = kontor_board_get_column (board, i % (n_columns - 1) + 1);
      g_autoptr(KontorContact) contact = NULL;
      g_autoptr(KontorContact) top = NULL;
      gint64 start;
      double ms;
      guint paints;

      contact = g_list_model_get_item (G_LIST_MODEL (kontor_board_column_get_list (from)), 0);
      top = g_list_model_get_item (G_LIST_MODEL (kontor_board_column_get_list (to)), 0);
      if (contact == NULL)
        g_error ("The board has no card to move");

      paints = child->n_paints;
      *committed = 0;
      start = g_get_monotonic_time ();
      if (!kontor_board_move_contact (board, contact, kontor_board_column_get_status_id (to),
                                      NULL, top))
        g_error ("The card was not moved");
      ms = since_ms (start);
      g_array_append_val (move_ms, ms);
      ms = (*committed - start) / 1000.0;
      g_array_append_val (store_ms, ms);
      ms = paint_ms (wait_for_paint (child, paints), start);
      g_array_append_val (paint_after_ms, ms);
      settle (300);
    }
  report_as (prefix, "_move_ms", kontor_bench_median (move_ms));
  report_as (prefix, "_move_store_ms", kontor_bench_median (store_ms));
  report_as (prefix, "_move_paint_ms", kontor_bench_median (paint_after_ms));
}

/* What the first frame of @board needed: @prefix_cards (the contacts it
 * holds), @prefix_open_cards_made and @prefix_open_widgets */
static void
report_board_made (KontorBoard *board,
                   const char  *prefix)
{
  report_as (prefix, "_cards", kontor_board_get_n_items (board));
  report_as (prefix, "_open_cards_made",
             count_widgets (GTK_WIDGET (board), KONTOR_TYPE_BOARD_CARD));
  report_as (prefix, "_open_widgets", count_widgets (GTK_WIDGET (board), GTK_TYPE_WIDGET));
}

/* The board's first screen, as the table's above, then cards moved to the
 * next column (feature P4, src/README.md): committed, and painted. */
static void
run_board (Child *child)
{
  KontorBoard *board;
  GtkWidget *view;
  gint64 committed = 0;

  open_context (child);
  /* connected before any list is made: it hears of the commit first */
  g_signal_connect (child->store, "changed", G_CALLBACK (on_store_changed_cb), &committed);
  g_settings_set_string (child->settings, "contacts-view", "board");
  view = show_contacts_view (child, "board_open");
  board = kontor_contacts_view_get_board (KONTOR_CONTACTS_VIEW (view));
  report_board_made (board, "board");
  settle (500);

  move_cards (child, board, &committed, "board");
}

/* The first KontorBoard in @widget or under it */
static KontorBoard *
find_board (GtkWidget *widget)
{
  if (KONTOR_IS_BOARD (widget))
    return KONTOR_BOARD (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KontorBoard *board = find_board (child);

      if (board != NULL)
        return board;
    }

  return NULL;
}

/* The lead project's board (README "The Leadmanager in the window") over
 * the board's store, in the same window as run_board()'s: with @page, as
 * the project's page shows it (GSettings lead-project-view "board": the
 * page reads the project, its leads and sums, and makes the board), as
 * lead_board_…; without, the board widget alone
 * (kontor_board_new_for_lead_project()), as lead_board_widget_…. The
 * time from making it to the next painted frame, then the moves of
 * run_board(). */
static void
run_lead_board (Child    *child,
                gboolean  page)
{
  const char *prefix = page ? "lead_board" : "lead_board_widget";
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(KontorFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  KontorLeadProject *project = NULL;
  KontorBoard *board;
  GtkWidget *widget;
  gint64 start, built, committed = 0;

  open_context (child);
  /* connected before any list is made: it hears of the commit first */
  g_signal_connect (child->store, "changed", G_CALLBACK (on_store_changed_cb), &committed);
  g_settings_set_string (child->settings, "lead-project-view", "board");
  projects = kontor_store_list_lead_projects (child->store, FALSE, &error);
  if (projects == NULL)
    g_error ("No lead projects: %s", error->message);
  for (guint i = 0; i < projects->len; i++)
    if (g_str_equal (kontor_lead_project_get_name (g_ptr_array_index (projects, i)),
                     LEAD_PROJECT_NAME))
      project = g_ptr_array_index (projects, i);
  if (project == NULL)
    g_error ("The store has no lead project “%s”", LEAD_PROJECT_NAME);

  present (child, GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (child->app))));
  if (wait_for_paint (child, 0) == 0)
    g_error ("The window was never painted");
  settle (300);

  start = g_get_monotonic_time ();
  if (page)
    {
      widget = kontor_lead_project_page_new (child->context);
      if (!kontor_lead_project_page_show_project (KONTOR_LEAD_PROJECT_PAGE (widget),
                                                  kontor_record_get_id (KONTOR_RECORD (project))))
        g_error ("The page did not show the lead project");
    }
  else
    {
      filter = kontor_filter_new ();
      widget = kontor_board_new_for_lead_project (child->context, filter, project);
    }
  built = g_get_monotonic_time ();
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (child->window), widget);
  report_as (prefix, "_open_ms", paint_ms (wait_for_paint (child, child->n_paints), start));
  report_as (prefix, "_open_build_ms", (built - start) / 1000.0);

  board = find_board (widget);
  if (board == NULL)
    g_error ("The page shows no board");
  report_board_made (board, prefix);
  settle (500);

  move_cards (child, board, &committed, prefix);
}

/* A column of the board scrolled to its end, a page per frame */
typedef struct
{
  Child         *child;
  GtkAdjustment *adjustment;
  GListModel    *view_model;       /* what the column's view shows */
  guint          n_cards;
  GArray        *intervals;        /* ms between painted frames */
  GArray        *busy;             /* ms from a frame's start to its paint */
  gint64         frame_start;
  gint64         last_paint;
  gboolean       done;
} Scroll;

static void
on_scroll_before_paint_cb (GdkFrameClock *frame_clock,
                           Scroll        *scroll)
{
  scroll->frame_start = g_get_monotonic_time ();
}

static void
on_scroll_after_paint_cb (GdkFrameClock *frame_clock,
                          Scroll        *scroll)
{
  gint64 now = g_get_monotonic_time ();
  double ms;

  if (scroll->done || scroll->frame_start == 0)
    return;

  if (scroll->last_paint > 0)
    {
      ms = (now - scroll->last_paint) / 1000.0;
      g_array_append_val (scroll->intervals, ms);
      ms = (now - scroll->frame_start) / 1000.0;
      g_array_append_val (scroll->busy, ms);
    }
  scroll->last_paint = now;
}

static gboolean
on_scroll_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  Scroll *scroll = user_data;
  GtkAdjustment *adjustment = scroll->adjustment;
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  /* at the end: the view shows the whole column, its last card in view */
  if (g_list_model_get_n_items (scroll->view_model) >= scroll->n_cards &&
      value + page >= gtk_adjustment_get_upper (adjustment) - 1)
    {
      scroll->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (adjustment, value + page);

  return G_SOURCE_CONTINUE;
}

/* The worst, median and p99 of @values as @prefix_worst@name, … */
static void
report_spread (const char *prefix,
               const char *name,
               GArray     *values)
{
  static const struct
  {
    const char *which;
    double      percentile;
  } spread[] = { { "_worst", 100 }, { "_median", 50 }, { "_p99", 99 } };

  for (guint i = 0; i < G_N_ELEMENTS (spread); i++)
    {
      g_autofree char *key = g_strconcat (spread[i].which, name, NULL);

      report_as (prefix, key, kontor_bench_percentile (values, spread[i].percentile));
    }
}

/* Scrolls @scroll's view a page per frame, from a tick callback of
 * @widget, until its last item is in view, and reports the intervals
 * between painted frames and each frame's own work as @prefix_… (with
 * the items' height and the page's, for the anchor to have the same) */
static void
scroll_to_end (Scroll     *scroll,
               GtkWidget  *widget,
               const char *prefix)
{
  gint64 start;

  scroll->intervals = g_array_new (FALSE, FALSE, sizeof (double));
  scroll->busy = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (scroll->child->frame_clock, "before-paint",
                    G_CALLBACK (on_scroll_before_paint_cb), scroll);
  g_signal_connect (scroll->child->frame_clock, "after-paint",
                    G_CALLBACK (on_scroll_after_paint_cb), scroll);

  start = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (widget, on_scroll_tick_cb, scroll, NULL);
  while (!scroll->done && since_ms (start) < CHILD_TIMEOUT_S * 1000 / 2)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (scroll->child->frame_clock, scroll);

  report_as (prefix, "_s", since_ms (start) / 1000);
  report_as (prefix, "_done", scroll->done);
  report_as (prefix, "_frames", scroll->intervals->len);
  report_spread (prefix, "_frame_ms", scroll->intervals);
  report_spread (prefix, "_busy_ms", scroll->busy);
  report_as (prefix, "_card_height",
             gtk_adjustment_get_upper (scroll->adjustment) / MAX (scroll->n_cards, 1));
  report_as (prefix, "_page_height", gtk_adjustment_get_page_size (scroll->adjustment));
  g_array_unref (scroll->intervals);
  g_array_unref (scroll->busy);
}

/* The board over the large store, its column with the fewest cards of
 * those with at least BOARD_SCROLL_CARDS (else the largest) brought into
 * view and scrolled to its end by a page per frame, as Page Down held
 * down: the intervals between painted frames, and each frame's own work
 * (its start to its paint). The frame clock paints at most 60 frames a
 * second, so an interval is never below 16.7 ms; a longer one is a frame
 * that came late. */
static void
run_board_scroll (Child *child)
{
  Scroll scroll = { child };
  KontorBoardColumn *column = NULL;
  GtkAdjustment *hadjustment;
  GtkWidget *view, *grid_view, *scroller;
  KontorBoard *board;
  graphene_rect_t bounds;

  open_context (child);
  g_settings_set_string (child->settings, "contacts-view", "board");
  view = show_contacts_view (child, "board_scroll_open");
  board = kontor_contacts_view_get_board (KONTOR_CONTACTS_VIEW (view));

  for (guint i = 0; i < kontor_board_get_n_columns (board); i++)
    {
      KontorBoardColumn *candidate = kontor_board_get_column (board, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (kontor_board_column_get_list (candidate)));
      gboolean big = n >= BOARD_SCROLL_CARDS;

      if (column == NULL ||
          (big && (scroll.n_cards < BOARD_SCROLL_CARDS || n < scroll.n_cards)) ||
          (!big && scroll.n_cards < BOARD_SCROLL_CARDS && n > scroll.n_cards))
        {
          column = candidate;
          scroll.n_cards = n;
        }
    }
  if (column == NULL)
    g_error ("The board has no column");
  report ("board_scroll_cards", scroll.n_cards);

  /* the column into view, sideways */
  grid_view = kontor_board_column_get_view (column);
  scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (gtk_widget_get_ancestor (
    grid_view, KONTOR_TYPE_BOARD_COLUMN)), GTK_TYPE_SCROLLED_WINDOW);
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (!gtk_widget_compute_bounds (GTK_WIDGET (column), scroller, &bounds))
    g_error ("The column has no place on the board");
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_value (hadjustment) +
                                         bounds.origin.x);
  settle (500);

  scroll.adjustment = kontor_board_column_get_vadjustment (column);
  scroll.view_model = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (grid_view)));
  scroll_to_end (&scroll, grid_view, "board_scroll");
}

/* The anchor of the board's scrolling: a bare GtkGridView of as many
 * items (KONTOR_BENCH_GRID_ITEMS, the board column's count) as high as its
 * cards (KONTOR_BENCH_GRID_ITEM_HEIGHT) in a view of the board column's
 * width and height (KONTOR_BENCH_GRID_PAGE_HEIGHT), scrolled the same
 * way, so in as many frames. */
static void
run_grid_anchor (Child *child)
{
  Scroll scroll = { child };
  GtkWindow *window;
  GtkWidget *anchor, *grid_view;

  scroll.n_cards = kontor_bench_env_uint ("KONTOR_BENCH_GRID_ITEMS", BOARD_SCROLL_CARDS);
  window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (child->app)));
  anchor = bench_anchor_grid_new (scroll.n_cards, BOARD_COLUMN_WIDTH,
                                 kontor_bench_env_uint ("KONTOR_BENCH_GRID_ITEM_HEIGHT", 0));
  gtk_widget_set_size_request (anchor, -1,
                               kontor_bench_env_uint ("KONTOR_BENCH_GRID_PAGE_HEIGHT", 0));
  gtk_widget_set_valign (anchor, GTK_ALIGN_START);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), anchor);
  present (child, window);
  if (wait_for_paint (child, 0) == 0)
    g_error ("The window was never painted");
  settle (500);

  grid_view = g_object_get_data (G_OBJECT (anchor), "bench-grid-view");
  scroll.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid_view));
  scroll.view_model = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (grid_view)));
  scroll_to_end (&scroll, grid_view, "scroll");
}

/* App start: spawn → first frame, like src/README.md "Performance targets" (there: exec → first
 * GdkFrameClock::after-paint); the same with an empty window. */
static void
run_start (Child    *child,
           gboolean  empty)
{
  double activated = since_ms (child->t0);

  if (empty)
    {
      present (child, GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (child->app))));
    }
  else
    {
      open_context (child);
      present (child, GTK_WINDOW (kontor_window_new (child->app, child->context)));
    }

  report ("first_frame_ms", paint_ms (wait_for_paint (child, 0), child->t0));
  report ("activate_ms", activated);
  report ("rss_mb_first_frame", kontor_bench_proc_status_mb ("VmRSS:"));
  report_renderer (child);
}

static void
on_xdotool_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  gboolean *done = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

/* Runs xdotool with @args to its end, while the main loop goes on (the
 * keys it sends are handled as they come) */
static void
run_xdotool (Child             *child,
             const char * const *args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  gboolean done = FALSE;

  g_ptr_array_add (argv, (char *) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE,
                               &error);
  if (process == NULL)
    g_error ("Could not run xdotool: %s", error->message);
  /* its end is told in this thread's main context, which wakes it */
  g_subprocess_wait_async (process, NULL, on_xdotool_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  if (!g_subprocess_get_successful (process))
    g_error ("xdotool %s failed", args[0]);
}

/* The table scrolled from its top to its bottom with the keyboard, as a
 * person does: the window gets the X input focus (Xvfb has no window
 * manager to give it), the table the keyboard focus, then Page Down
 * SCROLL_PAGES times and Ctrl+End; reports the memory afterwards. */
static void
scroll_with_keyboard (Child              *child,
                      KontorContactsView *view)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (child->window));
  g_autofree char *xid = NULL;
  g_autofree char *pages = g_strdup_printf ("%u", SCROLL_PAGES);
  gint64 start;

  if (!GDK_IS_X11_SURFACE (surface) || g_find_program_in_path ("xdotool") == NULL)
    {
      kontor_bench_log ("no X11 or no xdotool: the table is not scrolled");
      return;
    }
  xid = g_strdup_printf ("%lu", gdk_x11_surface_get_xid (surface));
  run_xdotool (child, (const char *[]) { "windowfocus", "--sync", xid, NULL });
  kontor_contacts_view_focus_table (view);
  settle (100);

  start = g_get_monotonic_time ();
  run_xdotool (child, (const char *[]) { "key", "--delay", "15", "--repeat", pages, "Page_Down",
                                         NULL });
  run_xdotool (child, (const char *[]) { "key", "ctrl+End", NULL });
  settle (1000);
  report ("scroll_s", since_ms (start) / 1000);
  report ("rss_mb_after_scroll", kontor_bench_proc_status_mb ("VmRSS:"));
  report ("rss_peak_mb_after_scroll", kontor_bench_proc_status_mb ("VmHWM:"));
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      Child          *child)
{
  /* connected after the view's handler: the query has run */
  child->searched = TRUE;
  child->paints_at_search = child->n_paints;
  child->search_done = g_get_monotonic_time ();
}

/* Median of the finite @values (a frame that never came is NaN) */
static void
report_median (const char *key,
               GArray     *values)
{
  g_autoptr(GArray) finite = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < values->len; i++)
    {
      if (isfinite (g_array_index (values, double, i)))
        g_array_append_val (finite, g_array_index (values, double, i));
    }

  report (key, kontor_bench_median (finite));
}

/* The 100k table as a person uses it: memory once it is shown, then
 * header clicks and typing. */
static void
run_interact (Child *child)
{
  KontorContactsView *view;
  GtkSearchEntry *entry;
  g_autoptr(GArray) sorts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typing = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typing_query = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clearing = g_array_new (FALSE, FALSE, sizeof (double));

  open_context (child);
  present (child, GTK_WINDOW (kontor_window_new (child->app, child->context)));
  if (wait_for_paint (child, 0) == 0)
    g_error ("The window was never painted");
  report ("first_frame_ms", paint_ms (child->last_paint, child->t0));

  settle (1000);
  report ("rss_mb_100k", kontor_bench_proc_status_mb ("VmRSS:"));
  report ("rss_peak_mb_100k", kontor_bench_proc_status_mb ("VmHWM:"));

  view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (KONTOR_WINDOW (child->window)));

  /* from the top to the bottom, then back to the top for what follows */
  scroll_with_keyboard (child, view);
  kontor_contacts_view_sort_by (view, "name", GTK_SORT_ASCENDING);
  kontor_table_set_cursor (kontor_contacts_view_get_table (view), 0, FALSE);
  settle (300);

  /* every column, ascending, then descending; the name last, as it was */
  for (guint i = 0; i < 2 * N_TABLE_COLUMNS; i++)
    {
      const char *column = table_columns[(i + 1) % N_TABLE_COLUMNS];
      GtkSortType order = i < N_TABLE_COLUMNS ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING;
      g_autofree char *key = g_strdup_printf ("sort_%s_%s_ms", column,
                                              order == GTK_SORT_ASCENDING ? "asc" : "desc");
      guint paints = child->n_paints;
      gint64 start = g_get_monotonic_time ();
      double ms;

      kontor_contacts_view_sort_by (view, column, order);
      ms = paint_ms (wait_for_paint (child, paints), start);
      g_array_append_val (sorts, ms);
      report (key, ms);
      kontor_bench_log ("sort by %s %s: %.1f ms", column,
                        order == GTK_SORT_ASCENDING ? "ascending" : "descending", ms);
      settle (200);
    }
  kontor_contacts_view_sort_by (view, "name", GTK_SORT_ASCENDING);
  settle (300);
  report_median ("sort_click_ms", sorts);
  report ("sort_click_max_ms", kontor_bench_percentile (sorts, 100));

  entry = GTK_SEARCH_ENTRY (kontor_contacts_view_get_search_entry (view));
  gtk_search_entry_set_search_delay (entry, 0);
  g_signal_connect_after (entry, "search-changed", G_CALLBACK (on_search_changed_cb), child);
  for (guint i = 0; i < G_N_ELEMENTS (typed_steps); i++)
    {
      GtkEditable *editable = GTK_EDITABLE (entry);
      const char *before = gtk_editable_get_text (editable);
      const char *text = typed_steps[i];
      g_autofree char *step_key = NULL;
      gint64 start, painted;
      double ms, query_ms;
      int position;

      child->searched = FALSE;
      start = g_get_monotonic_time ();
      if (text[0] == '\0')
        {
          gtk_editable_delete_text (editable, 0, -1);
        }
      else
        {
          g_assert (g_str_has_prefix (text, before));
          position = g_utf8_strlen (before, -1);
          gtk_editable_insert_text (editable, text + strlen (before), -1, &position);
        }

      /* a non-empty text is searched from a timeout, even with no delay:
       * wait for the search, then for the frame after it */
      while (!child->searched && since_ms (start) < FRAME_TIMEOUT_MS)
        g_main_context_iteration (NULL, TRUE);
      painted = child->searched ? wait_for_paint (child, child->paints_at_search) : 0;
      ms = paint_ms (painted, start);
      query_ms = child->searched ? (child->search_done - start) / 1000.0 : NAN;

      kontor_bench_log ("typed “%s”: %.1f ms to the frame, %.1f ms to the search's end, "
                        "%u rows",
                        text, ms, query_ms,
                        g_list_model_get_n_items (G_LIST_MODEL (kontor_contacts_view_get_list
                                                                  (view))));
      step_key = g_strdup_printf ("search_step_%u_ms", i);
      report (step_key, ms);
      if (text[0] == '\0')
        {
          g_array_append_val (clearing, ms);
        }
      else
        {
          g_array_append_val (typing, ms);
          g_array_append_val (typing_query, query_ms);
        }
      settle (100);
    }
  report_median ("search_type_ms", typing);
  report ("search_type_p95_ms", kontor_bench_percentile (typing, 95));
  report_median ("search_type_query_ms", typing_query);
  report_median ("search_clear_ms", clearing);
  report ("search_clear_p95_ms", kontor_bench_percentile (clearing, 95));
  report ("search_type_max_ms", kontor_bench_percentile (typing, 100));

  settle (1000);
  report ("rss_mb_after_use", kontor_bench_proc_status_mb ("VmRSS:"));
}

/* The anchor: a bare GtkColumnView of the table's shape (N_TABLE_COLUMNS
 * columns of GtkInscription over a lazy GListModel of as many items as the
 * store has contacts) in the same window size, made before the window is
 * first shown; then all its items replaced, ANCHOR_REPLACES times. */
static void
run_anchor (Child *child,
            guint  n_items)
{
  g_autoptr(GArray) replace_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *anchor;
  GtkWindow *window;

  window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (child->app)));
  anchor = bench_anchor_new (n_items, N_TABLE_COLUMNS);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), anchor);
  present (child, window);

  report ("first_frame_ms", paint_ms (wait_for_paint (child, 0), child->t0));
  report ("rss_mb_first_frame", kontor_bench_proc_status_mb ("VmRSS:"));
  settle (500);

  for (guint i = 0; i < ANCHOR_REPLACES; i++)
    {
      guint paints = child->n_paints;
      gint64 start = g_get_monotonic_time ();
      double ms;

      bench_anchor_replace_all (anchor);
      ms = paint_ms (wait_for_paint (child, paints), start);
      g_array_append_val (replace_ms, ms);
      settle (200);
    }
  report_median ("replace_ms", replace_ms);
}

static void
on_activate_cb (GApplication *application,
                Child        *child)
{
  /* keeps the application alive while the measurement runs */
  g_application_hold (application);

  if (g_str_equal (child->mode, "empty"))
    run_start (child, TRUE);
  else if (g_str_equal (child->mode, "start"))
    run_start (child, FALSE);
  else if (g_str_equal (child->mode, "first-screen"))
    run_first_screen (child);
  else if (g_str_equal (child->mode, "table"))
    run_table (child);
  else if (g_str_equal (child->mode, "anchor"))
    run_anchor (child, kontor_bench_env_uint ("KONTOR_BENCH_CONTACTS",
                                              KONTOR_BENCH_DEFAULT_CONTACTS));
  else if (g_str_equal (child->mode, "interact"))
    run_interact (child);
  else if (g_str_equal (child->mode, "board"))
    run_board (child);
  else if (g_str_equal (child->mode, "lead-board"))
    run_lead_board (child, TRUE);
  else if (g_str_equal (child->mode, "lead-board-widget"))
    run_lead_board (child, FALSE);
  else if (g_str_equal (child->mode, "board-scroll"))
    run_board_scroll (child);
  else if (g_str_equal (child->mode, "grid-anchor"))
    run_grid_anchor (child);
  else
    g_error ("Unknown mode %s", child->mode);

  fflush (stdout);
  g_application_release (application);
  g_application_quit (application);
}

static gboolean
on_watchdog_cb (gpointer data)
{
  g_printerr ("bench-ui child %s: not done after %u s, giving up\n", (const char *) data,
              CHILD_TIMEOUT_S);
  exit (1);
}

static int
run_child (const char *mode,
           const char *path,
           gint64      t0)
{
  Child child = { .mode = mode, .path = path, .t0 = t0 };
  int status;

  g_timeout_add_seconds (CHILD_TIMEOUT_S, on_watchdog_cb, (gpointer) mode);

  /* the app's id (kontor_application_new()), not its class; not unique,
   * as the app is since it hands second starts to the first (src/README.md
   * "Reminders"): a Kontor running in the session must not take the
   * child's start */
  child.app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (child.app, "activate", G_CALLBACK (on_activate_cb), &child);
  status = g_application_run (G_APPLICATION (child.app), 0, NULL);

  g_clear_object (&child.context);
  g_clear_object (&child.settings);
  g_clear_object (&child.store);
  g_clear_object (&child.app);

  return status;
}

/* ------------------------------------------------------------------------ */
/* Parent */

/* children that failed: their figures are missing, and the bench fails */
static guint children_failed;

/* Runs `self --child MODE` and returns what it reported (key → double). */
static GHashTable *
spawn_child (const char *self_exe,
             const char *mode,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  char t0[32];
  const char *argv[] = { self_exe, "--child", mode, path, t0, NULL };
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status;

  g_snprintf (t0, sizeof t0, "%" G_GINT64_FORMAT, g_get_monotonic_time ());
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                     &status, &error))
    {
      kontor_bench_log ("could not run child %s: %s", mode, error->message);
      children_failed++;
      return values;
    }
  /* what it reported before it failed still counts */
  if (!g_spawn_check_wait_status (status, &error))
    {
      kontor_bench_log ("child %s failed: %s", mode, error->message);
      children_failed++;
    }

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);

      if (g_strv_length (parts) == 2)
        g_hash_table_insert (values, g_strdup (parts[0]),
                             g_memdup2 (&(double) { g_ascii_strtod (parts[1], NULL) },
                                        sizeof (double)));
    }

  return values;
}

static double
lookup (GHashTable *values,
        const char *key)
{
  double *value = g_hash_table_lookup (values, key);

  return value != NULL ? *value : NAN;
}

/* Median over @runs of one child's figure */
static double
median_of (GPtrArray  *runs,
           const char *key)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs->len; i++)
    {
      double value = lookup (g_ptr_array_index (runs, i), key);

      if (isfinite (value))
        g_array_append_val (values, value);
    }

  return kontor_bench_median (values);
}

static char *
runs_array (GPtrArray  *runs,
            const char *key)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < runs->len; i++)
    {
      if (i > 0)
        g_string_append (json, ", ");
      kontor_bench_json_append_number (json, lookup (g_ptr_array_index (runs, i), key));
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* [{"text": "Mü", "ms": 12.3}, …] for the typing steps of the first run */
static char *
steps_array (GPtrArray *runs)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; runs->len > 0 && i < G_N_ELEMENTS (typed_steps); i++)
    {
      g_autofree char *key = g_strdup_printf ("search_step_%u_ms", i);

      g_string_append (json, i > 0 ? ", {\"text\": " : "{\"text\": ");
      kontor_bench_json_append_string (json, typed_steps[i]);
      g_string_append (json, ", \"ms\": ");
      kontor_bench_json_append_number (json, lookup (g_ptr_array_index (runs, 0), key));
      g_string_append_c (json, '}');
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* {"company_asc": 12.3, …} for the sorts of the first run */
static char *
sorts_object (GPtrArray *runs)
{
  GString *json = g_string_new ("{");

  for (guint i = 0; runs->len > 0 && i < 2 * N_TABLE_COLUMNS; i++)
    {
      const char *order = i < N_TABLE_COLUMNS ? "asc" : "desc";
      g_autofree char *name = g_strdup_printf ("%s_%s", table_columns[i % N_TABLE_COLUMNS], order);
      g_autofree char *key = g_strdup_printf ("sort_%s_ms", name);

      if (i > 0)
        g_string_append (json, ", ");
      kontor_bench_json_append_string (json, name);
      g_string_append (json, ": ");
      kontor_bench_json_append_number (json, lookup (g_ptr_array_index (runs, 0), key));
    }
  g_string_append_c (json, '}');

  return g_string_free (json, FALSE);
}

static gboolean
make_store (const char      *path,
            guint            n_contacts,
            KontorBenchJson *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = kontor_store_open (path, &error);
  double start = kontor_bench_now_ms ();

  if (store == NULL || !kontor_demo_populate (store, n_contacts, KONTOR_DEMO_DEFAULT_SEED, NULL,
                                              &error))
    {
      g_printerr ("Could not make the demo store %s: %s\n", path, error->message);
      return FALSE;
    }
  if (json != NULL)
    kontor_bench_json_add_number (json, "populate_s", (kontor_bench_now_ms () - start) / 1000);

  return TRUE;
}

/* The lead project of the board's store (README "Lead projects"): its
 * statuses as many as the pipeline's, in the same order (the first, the
 * users' own, won and lost), and an entry for each contact that may join
 * (not Inbox or Archived, feature C4) in the status at the place of its
 * pipeline status, so that its columns hold the cards the pipeline
 * board's do; the entries saved in one transaction, each with a value.
 * Returns: the number of entries, or 0 on failure */
static guint
make_lead_project (const char *path)
{
  static const char * const own_names[] = { "In Arbeit", "Kontaktiert", "Angebot", "Vorführung",
                                            "Verhandlung" };
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorStore) store = kontor_store_open (path, &error);
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new (LEAD_PROJECT_NAME);
  g_autoptr(GPtrArray) pipeline = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorRecordList) contacts = NULL;
  const char *project_id = NULL;
  guint n_own;

  if (store == NULL ||
      (pipeline = kontor_store_list_pipeline_statuses (store, &error)) == NULL ||
      !kontor_store_create_lead_project (store, project, &error) ||
      /* the store gives the id */
      (project_id = kontor_record_get_id (KONTOR_RECORD (project))) == NULL ||
      (statuses = kontor_store_list_lead_statuses (store, project_id, &error)) == NULL)
    goto failed;

  /* as kontor-demo-leads.c does: won and lost to the end, then the own
   * ones between them and the first */
  n_own = MIN (pipeline->len > 3 ? pipeline->len - 3 : 0, G_N_ELEMENTS (own_names));
  for (guint i = statuses->len; i-- > 1;)
    {
      kontor_lead_status_set_position (g_ptr_array_index (statuses, i), n_own + i);
      if (!kontor_store_save (store, g_ptr_array_index (statuses, i), &error))
        goto failed;
    }
  for (guint i = 0; i < n_own; i++)
    {
      g_autoptr(KontorLeadStatus) status = kontor_lead_status_new (project_id, own_names[i], i + 1);

      if (!kontor_store_save (store, KONTOR_RECORD (status), &error))
        goto failed;
    }
  g_clear_pointer (&statuses, g_ptr_array_unref);
  if ((statuses = kontor_store_list_lead_statuses (store, project_id, &error)) == NULL)
    goto failed;

  contacts = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, filter);
  if (!kontor_record_list_refresh (contacts, &error))
    goto failed;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (contacts)); i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (G_LIST_MODEL (contacts), i);
      const char * const *reps = kontor_contact_get_sales_reps (contact);
      guint place = 0;
      KontorLeadEntry *entry;

      if (kontor_contact_status_is_restricted (kontor_contact_get_status (contact)))
        continue;
      for (guint j = 0; j < pipeline->len; j++)
        if (g_strcmp0 (kontor_record_get_id (g_ptr_array_index (pipeline, j)),
                       kontor_contact_get_pipeline_status_id (contact)) == 0)
          place = MIN (j, statuses->len - 1);
      entry = kontor_lead_entry_new (project_id, kontor_record_get_id (KONTOR_RECORD (contact)),
                                     kontor_record_get_id (g_ptr_array_index (statuses, place)));
      kontor_lead_entry_set_value_cents (entry, 100000 + 5000 * (i % 200));
      if (reps != NULL && reps[0] != NULL)
        kontor_lead_entry_set_assignee_id (entry, reps[0]);
      g_ptr_array_add (entries, entry);
    }
  if (!kontor_store_save_all (store, entries, NULL, &error))
    goto failed;

  return entries->len;

failed:
  g_printerr ("Could not make the lead project in %s: %s\n", path,
              error != NULL ? error->message : "no id");
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint n_contacts = kontor_bench_env_uint ("KONTOR_BENCH_CONTACTS",
                                            KONTOR_BENCH_DEFAULT_CONTACTS);
  guint runs = kontor_bench_env_uint ("KONTOR_BENCH_RUNS", 3);
  guint n_board_contacts = kontor_bench_env_uint ("KONTOR_BENCH_BOARD_CONTACTS", 10000);
  g_autoptr(GPtrArray) board = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) lead = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) lead_widget = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_hash_table_unref);
  g_autofree char *lead_runs = NULL;
  g_autofree char *lead_widget_runs = NULL;
  guint n_lead_entries;
  g_autofree char *board_path = NULL;
  g_autofree char *board_runs = NULL;
  g_autoptr(GHashTable) board_scroll = NULL;
  g_autoptr(GHashTable) grid_anchor = NULL;
  /* what the grid anchor takes from the board's run */
  static const struct
  {
    const char *variable;
    const char *key;
  } grid_shape[] = {
    { "KONTOR_BENCH_GRID_ITEMS", "board_scroll_cards" },
    { "KONTOR_BENCH_GRID_ITEM_HEIGHT", "board_scroll_card_height" },
    { "KONTOR_BENCH_GRID_PAGE_HEIGHT", "board_scroll_page_height" },
  };
  static const char * const scroll_keys[] = {
    "done", "frames", "worst_frame_ms", "median_frame_ms", "p99_frame_ms",
    "worst_busy_ms", "median_busy_ms", "p99_busy_ms",
  };
  GDestroyNotify unref = (GDestroyNotify) g_hash_table_unref;
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (unref);
  g_autoptr(GPtrArray) start = g_ptr_array_new_with_free_func (unref);
  g_autoptr(GPtrArray) screen = g_ptr_array_new_with_free_func (unref);
  g_autoptr(GPtrArray) interact = g_ptr_array_new_with_free_func (unref);
  g_autoptr(GPtrArray) anchor = g_ptr_array_new_with_free_func (unref);
  g_autofree char *anchor_runs = NULL;
  g_autofree char *self_exe = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cpu = NULL;
  g_autofree char *result = NULL;
  g_autofree char *screen_runs = NULL;
  g_autofree char *start_runs = NULL;
  g_autofree char *empty_runs = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *sorts = NULL;
  KontorBenchJson *json;
  double bench_start = kontor_bench_now_ms ();
  double empty_ms, start_ms, anchor_ms, replace_ms, empty_rss;

  setlocale (LC_ALL, "");

  /* what src/README.md "Running headless" recommends for headless runs; explicit settings win */
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_ROOT "/data", FALSE);

  /* Without a session bus (meson runs this under dbus-run-session, like
   * CI), GApplication would autolaunch one through X11 from whichever child
   * comes first and bias that measurement; an unusable address makes every
   * child start as a plain non-unique application instead. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", FALSE);

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], g_ascii_strtoll (argv[4], NULL, 10));

  if (!gtk_init_check ())
    {
      printf ("{\"skipped\": \"no display\"}\n");
      return 77;
    }

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  dir = kontor_test_make_tmpdir ();
  path = g_build_filename (dir, "kontor.db", NULL);

  json = kontor_bench_json_new ();
  kontor_bench_json_add_int (json, "n_contacts", n_contacts);
  kontor_bench_json_add_int (json, "runs", runs);
  cpu = kontor_bench_cpu_model ();
  kontor_bench_json_add_string (json, "cpu", cpu);
  kontor_bench_json_add_string (json, "gsk_renderer", g_getenv ("GSK_RENDERER"));

  kontor_bench_log ("making a demo store with %u contacts in %s", n_contacts, dir);
  if (!make_store (path, n_contacts, json))
    return 1;
  board_path = g_build_filename (dir, "board.db", NULL);
  kontor_bench_log ("making a demo store with %u contacts for the board", n_board_contacts);
  if (!make_store (board_path, n_board_contacts, NULL))
    return 1;
  kontor_bench_log ("a lead project with an entry for each of them that may join");
  if ((n_lead_entries = make_lead_project (board_path)) == 0)
    return 1;

  /* interleaved, so that drift of the machine hits all three alike */
  for (guint run = 0; run < runs; run++)
    {
      kontor_bench_log ("run %u of %u: empty window, bare column view, app start, first screen",
                        run + 1, runs);
      g_ptr_array_add (empty, spawn_child (self_exe, "empty", path));
      g_ptr_array_add (anchor, spawn_child (self_exe, "anchor", path));
      g_ptr_array_add (start, spawn_child (self_exe, "start", path));
      g_ptr_array_add (screen, spawn_child (self_exe, "first-screen", path));
    }
  for (guint run = 0; run < runs; run++)
    {
      kontor_bench_log ("run %u of %u: board, table and lead project's board (page, widget) "
                        "over %u contacts", run + 1, runs,
                        n_board_contacts);
      g_ptr_array_add (board, spawn_child (self_exe, "board", board_path));
      g_ptr_array_add (table, spawn_child (self_exe, "table", board_path));
      g_ptr_array_add (lead, spawn_child (self_exe, "lead-board", board_path));
      g_ptr_array_add (lead_widget, spawn_child (self_exe, "lead-board-widget", board_path));
    }
  kontor_bench_log ("a board column of the %u contacts scrolled to its end", n_contacts);
  board_scroll = spawn_child (self_exe, "board-scroll", path);
  kontor_bench_log ("its anchor: a bare grid view of as many cards scrolled to its end");
  for (guint i = 0; i < G_N_ELEMENTS (grid_shape); i++)
    {
      g_autofree char *value = g_strdup_printf ("%.0f", lookup (board_scroll, grid_shape[i].key));

      g_setenv (grid_shape[i].variable, value, TRUE);
    }
  grid_anchor = spawn_child (self_exe, "grid-anchor", path);
  kontor_bench_log ("the 100k table in use: memory, sorting, typing");
  g_ptr_array_add (interact, spawn_child (self_exe, "interact", path));

  /* the anchors first: every UI figure after them is also given as a ratio */
  empty_ms = median_of (empty, "first_frame_ms");
  anchor_ms = median_of (anchor, "first_frame_ms");
  replace_ms = median_of (anchor, "replace_ms");
  empty_rss = median_of (empty, "rss_mb_first_frame");
  kontor_bench_json_add_number (json, "empty_window_first_frame_ms", empty_ms);
  empty_runs = runs_array (empty, "first_frame_ms");
  kontor_bench_json_add_raw (json, "empty_window_first_frame_runs_ms", empty_runs);
  kontor_bench_json_add_number (json, "empty_rss_mb_first_frame", empty_rss);
  kontor_bench_json_add_number (json, "anchor_first_frame_ms", anchor_ms);
  anchor_runs = runs_array (anchor, "first_frame_ms");
  kontor_bench_json_add_raw (json, "anchor_first_frame_runs_ms", anchor_runs);
  kontor_bench_json_add_number (json, "anchor_replace_ms", replace_ms);
  kontor_bench_json_add_number (json, "anchor_rss_mb_first_frame",
                                median_of (anchor, "rss_mb_first_frame"));

  /* point 2: typing and clearing, p95, against the anchor's replacement */
  kontor_bench_json_add_number (json, "search_type_p95_ms",
                                median_of (interact, "search_type_p95_ms"));
  kontor_bench_json_add_number (json, "search_type_p95_ratio",
                                median_of (interact, "search_type_p95_ms") / replace_ms);
  kontor_bench_json_add_number (json, "search_clear_p95_ms",
                                median_of (interact, "search_clear_p95_ms"));
  kontor_bench_json_add_number (json, "search_clear_p95_ratio",
                                median_of (interact, "search_clear_p95_ms") / replace_ms);
  kontor_bench_json_add_number (json, "search_type_ms", median_of (interact, "search_type_ms"));
  kontor_bench_json_add_number (json, "search_type_query_ms",
                                median_of (interact, "search_type_query_ms"));
  kontor_bench_json_add_number (json, "search_type_max_ms",
                                median_of (interact, "search_type_max_ms"));
  kontor_bench_json_add_number (json, "search_clear_ms", median_of (interact, "search_clear_ms"));
  steps = steps_array (interact);
  kontor_bench_json_add_raw (json, "search_steps", steps);

  /* point 3: sorting by every column, both ways */
  kontor_bench_json_add_number (json, "sort_click_max_ms", median_of (interact, "sort_click_max_ms"));
  kontor_bench_json_add_number (json, "sort_click_ms", median_of (interact, "sort_click_ms"));
  kontor_bench_json_add_number (json, "sort_click_max_ratio",
                                median_of (interact, "sort_click_max_ms") / replace_ms);
  sorts = sorts_object (interact);
  kontor_bench_json_add_raw (json, "sort_columns_ms", sorts);

  /* point 4: start and memory */
  start_ms = median_of (start, "first_frame_ms");
  kontor_bench_json_add_number (json, "window_first_frame_ms", start_ms);
  start_runs = runs_array (start, "first_frame_ms");
  kontor_bench_json_add_raw (json, "window_first_frame_runs_ms", start_runs);
  kontor_bench_json_add_number (json, "start_ratio", start_ms / anchor_ms);
  kontor_bench_json_add_number (json, "start_ratio_to_empty_window", start_ms / empty_ms);
  kontor_bench_json_add_number (json, "rss_mb_first_frame",
                                median_of (start, "rss_mb_first_frame"));
  kontor_bench_json_add_number (json, "rss_over_empty_mb",
                                median_of (start, "rss_mb_first_frame") - empty_rss);
  kontor_bench_json_add_number (json, "rss_mb_100k", median_of (interact, "rss_mb_100k"));
  kontor_bench_json_add_number (json, "rss_peak_mb_100k", median_of (interact, "rss_peak_mb_100k"));
  kontor_bench_json_add_number (json, "rss_mb_after_scroll",
                                median_of (interact, "rss_mb_after_scroll"));
  kontor_bench_json_add_number (json, "rss_after_scroll_over_empty_mb",
                                median_of (interact, "rss_mb_after_scroll") - empty_rss);
  kontor_bench_json_add_number (json, "rss_peak_mb_after_scroll",
                                median_of (interact, "rss_peak_mb_after_scroll"));
  kontor_bench_json_add_number (json, "rss_mb_after_use", median_of (interact, "rss_mb_after_use"));
  kontor_bench_json_add_number (json, "rss_after_use_over_empty_mb",
                                median_of (interact, "rss_mb_after_use") - empty_rss);
  kontor_bench_json_add_number (json, "scroll_s", median_of (interact, "scroll_s"));

  kontor_bench_json_add_number (json, "first_screen_ms", median_of (screen, "first_screen_ms"));
  kontor_bench_json_add_number (json, "first_screen_ratio",
                                median_of (screen, "first_screen_ms") / anchor_ms);
  kontor_bench_json_add_number (json, "first_screen_build_ms",
                                median_of (screen, "first_screen_build_ms"));
  screen_runs = runs_array (screen, "first_screen_ms");
  kontor_bench_json_add_raw (json, "first_screen_runs_ms", screen_runs);
  kontor_bench_json_add_number (json, "renderer_is_cairo", median_of (start, "renderer_is_cairo"));
  kontor_bench_json_add_int (json, "board_contacts", n_board_contacts);
  kontor_bench_json_add_number (json, "board_cards", median_of (board, "board_cards"));
  kontor_bench_json_add_number (json, "board_open_10k_ms", median_of (board, "board_open_ms"));
  kontor_bench_json_add_number (json, "board_open_build_ms",
                                median_of (board, "board_open_build_ms"));
  board_runs = runs_array (board, "board_open_ms");
  kontor_bench_json_add_raw (json, "board_open_runs_ms", board_runs);
  kontor_bench_json_add_number (json, "table_open_10k_ms", median_of (table, "first_screen_ms"));
  kontor_bench_json_add_number (json, "board_move_ms", median_of (board, "board_move_ms"));
  kontor_bench_json_add_number (json, "table_move_ms", median_of (table, "table_move_ms"));
  kontor_bench_json_add_number (json, "board_move_store_ms",
                                median_of (board, "board_move_store_ms"));
  kontor_bench_json_add_number (json, "board_move_paint_ms",
                                median_of (board, "board_move_paint_ms"));
  kontor_bench_json_add_number (json, "table_move_paint_ms",
                                median_of (table, "table_move_paint_ms"));
  kontor_bench_json_add_number (json, "board_open_cards_made",
                                median_of (board, "board_open_cards_made"));
  kontor_bench_json_add_number (json, "board_open_widgets", median_of (board, "board_open_widgets"));

  /* the lead project's board over the same contacts, beside the pipeline board's */
  kontor_bench_json_add_int (json, "lead_board_entries", n_lead_entries);
  kontor_bench_json_add_number (json, "lead_board_cards", median_of (lead, "lead_board_cards"));
  kontor_bench_json_add_number (json, "lead_board_open_10k_ms",
                                median_of (lead, "lead_board_open_ms"));
  kontor_bench_json_add_number (json, "lead_board_open_ratio",
                                median_of (lead, "lead_board_open_ms") /
                                median_of (board, "board_open_ms"));
  kontor_bench_json_add_number (json, "lead_board_open_build_ms",
                                median_of (lead, "lead_board_open_build_ms"));
  lead_runs = runs_array (lead, "lead_board_open_ms");
  kontor_bench_json_add_raw (json, "lead_board_open_runs_ms", lead_runs);
  kontor_bench_json_add_number (json, "lead_board_move_ms", median_of (lead, "lead_board_move_ms"));
  kontor_bench_json_add_number (json, "lead_board_move_ratio",
                                median_of (lead, "lead_board_move_ms") /
                                median_of (board, "board_move_ms"));
  kontor_bench_json_add_number (json, "lead_board_move_store_ms",
                                median_of (lead, "lead_board_move_store_ms"));
  kontor_bench_json_add_number (json, "lead_board_move_paint_ms",
                                median_of (lead, "lead_board_move_paint_ms"));
  kontor_bench_json_add_number (json, "lead_board_open_cards_made",
                                median_of (lead, "lead_board_open_cards_made"));
  kontor_bench_json_add_number (json, "lead_board_open_widgets",
                                median_of (lead, "lead_board_open_widgets"));
  /* … and the board widget alone, without the page around it */
  kontor_bench_json_add_number (json, "lead_board_widget_open_10k_ms",
                                median_of (lead_widget, "lead_board_widget_open_ms"));
  kontor_bench_json_add_number (json, "lead_board_widget_open_ratio",
                                median_of (lead_widget, "lead_board_widget_open_ms") /
                                median_of (board, "board_open_ms"));
  kontor_bench_json_add_number (json, "lead_board_widget_open_build_ms",
                                median_of (lead_widget, "lead_board_widget_open_build_ms"));
  lead_widget_runs = runs_array (lead_widget, "lead_board_widget_open_ms");
  kontor_bench_json_add_raw (json, "lead_board_widget_open_runs_ms", lead_widget_runs);
  kontor_bench_json_add_number (json, "lead_board_widget_move_ms",
                                median_of (lead_widget, "lead_board_widget_move_ms"));
  kontor_bench_json_add_number (json, "lead_board_widget_move_ratio",
                                median_of (lead_widget, "lead_board_widget_move_ms") /
                                median_of (board, "board_move_ms"));
  kontor_bench_json_add_number (json, "lead_board_widget_move_store_ms",
                                median_of (lead_widget, "lead_board_widget_move_store_ms"));
  kontor_bench_json_add_number (json, "lead_board_widget_move_paint_ms",
                                median_of (lead_widget, "lead_board_widget_move_paint_ms"));
  kontor_bench_json_add_number (json, "lead_board_widget_open_cards_made",
                                median_of (lead_widget, "lead_board_widget_open_cards_made"));
  kontor_bench_json_add_number (json, "board_scroll_cards",
                                lookup (board_scroll, "board_scroll_cards"));
  for (guint i = 0; i < G_N_ELEMENTS (scroll_keys); i++)
    {
      g_autofree char *board_key = g_strconcat ("board_scroll_", scroll_keys[i], NULL);
      g_autofree char *anchor_key = g_strconcat ("scroll_", scroll_keys[i], NULL);
      g_autofree char *json_key = g_strconcat ("anchor_scroll_", scroll_keys[i], NULL);

      kontor_bench_json_add_number (json, board_key, lookup (board_scroll, board_key));
      kontor_bench_json_add_number (json, json_key, lookup (grid_anchor, anchor_key));
    }
  kontor_bench_json_add_number (json, "board_scroll_worst_frame_ratio",
                                lookup (board_scroll, "board_scroll_worst_frame_ms") /
                                lookup (grid_anchor, "scroll_worst_frame_ms"));

  kontor_test_rmdir (dir);
  kontor_bench_json_add_number (json, "bench_total_s",
                                (kontor_bench_now_ms () - bench_start) / 1000);

  result = kontor_bench_json_free (json);
  printf ("%s\n", result);

  /* the figures that came are printed; missing ones fail the bench */
  if (children_failed > 0)
    {
      kontor_bench_log ("%u measurements failed", children_failed);
      return 1;
    }

  return 0;
}
