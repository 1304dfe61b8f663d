/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-board"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "kontor-board-card.h"
#include "kontor-board-card-face.h"
#include "kontor-board-private.h"
#include "kontor-board-column.h"
#include "kontor-board-settings.h"
#include "kontor-board.h"
#include "kontor-contacts-view.h"
#include "kontor-date-button.h"
#include "kontor-delete-dialog.h"
#include "kontor-demo-fill.h"
#include "kontor-format.h"
#include "kontor-record-write.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* The pipeline board (features P1–P8, X4, src/README.md) with the demo team, driven as a
 * person would: drags by emitting the drag source's "prepare" and the drop
 * target's "drop" (GTK cannot synthesise pointer input; the real drag is
 * test-board-drag.sh), the keyboard through the actions its keys are bound
 * to, menus and popovers through their actions. What a move wrote is
 * checked in the database. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContactsView *view;
  KontorBoard        *board;
} Fixture;

#define IN_PROGRESS_ID "00000000-0000-7000-8000-000000000002"
#define LOST_ID        "00000000-0000-7000-8000-000000000006"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  kontor_store_fixture_set_up (&fixture->base, data);
  g_assert_true (kontor_demo_populate (fixture->base.store, KONTOR_DEMO_DEFAULT_CONTACTS,
                                       KONTOR_DEMO_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);

  /* the memory backend lives as long as the process: start from defaults */
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "board-columns");
  g_settings_reset (fixture->settings, "board-card-fields");
  g_settings_set_string (fixture->settings, "contacts-view", "board");

  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_window_new (app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  fixture->board = kontor_contacts_view_get_board (fixture->view);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, fixture->board,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_close_message_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_settings_set_string (fixture->settings, "contacts-view", "table");
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

/* ------------------------------------------------------------------------ */
/* Helpers */

static GListModel *
column_list (KontorBoardColumn *column)
{
  return G_LIST_MODEL (kontor_board_column_get_list (column));
}

static char *
dup_item_id (KontorBoardColumn *column,
             guint              position)
{
  g_autoptr(KontorContact) contact = g_list_model_get_item (column_list (column), position);

  g_assert_nonnull (contact);

  return g_strdup (kontor_record_get_id (KONTOR_RECORD (contact)));
}

/* What Ctrl+Z does, where it must have something to undo */
static void
undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_operation_stack_undo (kontor_context_get_operations (fixture->context),
                                              &error));
  g_assert_no_error (error);
}

static char *dup_text (Fixture    *fixture,
                       const char *sql,
                       const char *param);

static char *
dup_status_of (Fixture    *fixture,
               const char *contact_id)
{
  return dup_text (fixture, "SELECT pipeline_status_id FROM contact WHERE id = ?1", contact_id);
}

static char *
dup_text (Fixture    *fixture,
          const char *sql,
          const char *param)
{
  sqlite3_stmt *stmt = kontor_test_prepare (fixture->base.store, sql, param);
  char *result = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

typedef struct
{
  KontorBoardColumn *column;
  const char        *id;
} CardWait;

static gboolean
card_is_shown (gpointer data)
{
  CardWait *wait = data;
  KontorBoardCard *card = kontor_board_column_find_card (wait->column, wait->id);

  /* mapped, and laid out: a drop's half is taken from its height */
  return card != NULL && gtk_widget_get_mapped (GTK_WIDGET (card)) &&
         gtk_widget_get_height (GTK_WIDGET (card)) > 0;
}

static gboolean
card_is_made (gpointer data)
{
  CardWait *wait = data;

  return kontor_board_column_find_card (wait->column, wait->id) != NULL;
}

static KontorBoardCard *
wait_for_card (KontorBoardColumn *column,
               const char        *contact_id)
{
  CardWait wait = { column, contact_id };

  g_assert_true (kontor_test_iterate_until (card_is_shown, &wait, KONTOR_TEST_TIMEOUT));

  return kontor_board_column_find_card (column, contact_id);
}

static gpointer
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;   /* the widget keeps it */
    }

  return NULL;
}

/* A drag from @card's drag source onto @target, as GTK would do it */
static gboolean
drag_and_drop (KontorBoardCard *card,
               GtkDropTarget   *target,
               double           y)
{
  GtkDragSource *source = find_controller (GTK_WIDGET (card), GTK_TYPE_DRAG_SOURCE);
  g_autoptr(GdkContentProvider) provider = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (source);
  g_assert_nonnull (target);

  g_signal_emit_by_name (source, "prepare", 5.0, 5.0, &provider);
  if (provider == NULL)
    return FALSE;

  /* the drag carries the contact, not the widget */
  g_value_init (&value, KONTOR_TYPE_CONTACT);
  g_assert_true (gdk_content_provider_get_value (provider, &value, NULL));
  g_assert_true (KONTOR_IS_CONTACT (g_value_get_object (&value)));
  g_signal_emit_by_name (target, "drop", &value, 10.0, y, &accepted);
  g_value_unset (&value);

  return accepted;
}

/* Remembers every contact's board fields to see later what a move wrote */
static void
snapshot_contacts (Fixture *fixture)
{
  kontor_test_exec (fixture->base.store, "DROP TABLE IF EXISTS temp.board_before");
  kontor_test_exec (fixture->base.store,
                    "CREATE TEMP TABLE board_before AS "
                    "SELECT id, pipeline_status_id, rank, rev, updated_at FROM contact");
}

/* Asserts that no contact but @contact_id changed since the snapshot, and
 * that the outbox entries since @seq are all about @contact_id */
static void
assert_only_changed (Fixture    *fixture,
                     const char *contact_id,
                     gint64      seq)
{
  g_autofree char *others = g_strdup_printf ("SELECT count(*) FROM outbox WHERE client_seq > %"
                                             G_GINT64_FORMAT " AND entity_id != ?1", seq);
  g_autofree char *own = g_strdup_printf ("SELECT count(*) FROM outbox WHERE client_seq > %"
                                          G_GINT64_FORMAT " AND entity_id = ?1", seq);

  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact c "
                                          "JOIN board_before b ON b.id = c.id "
                                          "WHERE c.id != ?1 AND "
                                          "(c.pipeline_status_id IS NOT b.pipeline_status_id OR "
                                          " c.rank IS NOT b.rank OR c.rev != b.rev OR "
                                          " c.updated_at != b.updated_at)",
                                          contact_id), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store, others, contact_id), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store, own, contact_id), >, 0);
}

static GtkWidget *
find_menu_button (GtkWidget  *root,
                  const char *icon_name)
{
  /* a card has its buttons once the focus (or the pointer) came to it */
  if (KONTOR_IS_BOARD_CARD (root))
    g_assert_true (gtk_widget_grab_focus (root));

  if (GTK_IS_MENU_BUTTON (root) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root)), icon_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first shown label or inscription (a card's texts) in @root whose
 * text contains @text, or a card that draws it */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_label (GTK_LABEL (root));
  else if (GTK_IS_INSCRIPTION (root))
    shown = gtk_inscription_get_text (GTK_INSCRIPTION (root));
  if (shown != NULL && gtk_widget_get_visible (root) && strstr (shown, text) != NULL)
    return root;
  if (KONTOR_IS_BOARD_CARD (root) && gtk_widget_get_first_child (root) == NULL &&
      _kontor_board_card_shows_text (KONTOR_BOARD_CARD (root), text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static KontorBoardColumn *
column_of (Fixture    *fixture,
           const char *key)
{
  g_autofree char *id = dup_text (fixture, "SELECT id FROM pipeline_status WHERE key = ?1", key);
  KontorBoardColumn *column = kontor_board_find_column (fixture->board, id);

  g_assert_nonnull (column);

  return column;
}

static void
search (Fixture    *fixture,
        const char *text)
{
  GtkEditable *entry = kontor_contacts_view_get_search_entry (fixture->view);

  g_object_set (entry, "search-delay", 0, NULL);
  gtk_editable_set_text (entry, text);
  /* search-changed comes from the main loop */
  kontor_test_settle (100);
}

typedef struct
{
  GtkWidget  *board;
  const char *contact_id;
  const char *status_id;
} FocusWait;

static gboolean
focus_is_on_card (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (wait->board));
  GtkWidget *column;
  KontorContact *contact;

  if (!KONTOR_IS_BOARD_CARD (focus))
    return FALSE;

  contact = kontor_board_card_get_contact (KONTOR_BOARD_CARD (focus));
  column = gtk_widget_get_ancestor (focus, KONTOR_TYPE_BOARD_COLUMN);

  return contact != NULL && column != NULL &&
         g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (contact)), wait->contact_id) == 0 &&
         g_strcmp0 (kontor_board_column_get_status_id (KONTOR_BOARD_COLUMN (column)),
                    wait->status_id) == 0;
}

/* ------------------------------------------------------------------------ */
/* Operations and toasts */

typedef struct
{
  GtkWidget  *window;
  const char *text;    /* NULL: no toast at all */
} ToastWait;

static gboolean
toast_is_gone (gpointer data)
{
  ToastWait *wait = data;

  return !kontor_test_shows_toast (wait->window, wait->text);
}

/* Exactly one toast is shown, saying @text; or none for NULL */
static gboolean
toast_is_alone (gpointer data)
{
  ToastWait *wait = data;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  kontor_test_collect_toasts (wait->window, texts);
  if (wait->text == NULL)
    return texts->len == 0;

  return texts->len == 1 && g_str_equal (g_ptr_array_index (texts, 0), wait->text);
}

static gboolean
on_frame_cb (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;

  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames_drawn (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Waits until exactly one toast says @text (none for NULL), and then two
 * frames: libadwaita 1.2 crashes when a toast is dismissed in the frame
 * it was shown in (its show and hide animations end together), which a
 * person, acting once per frame at most, never does. */
static void
wait_for_toast (Fixture    *fixture,
                const char *text)
{
  ToastWait wait = { GTK_WIDGET (fixture->window), text };
  guint frames = 0;
  guint tick_id;

  g_assert_true (kontor_test_iterate_until (toast_is_alone, &wait, KONTOR_TEST_TIMEOUT));

  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), on_frame_cb, &frames,
                                          NULL);
  g_assert_true (kontor_test_iterate_until (two_frames_drawn, &frames, KONTOR_TEST_TIMEOUT));
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick_id);
}

/* What the toast says after a card moved to @to */
static char *
dup_move_title (Fixture           *fixture,
                const char        *contact_id,
                KontorBoardColumn *to)
{
  g_autoptr(KontorContact) contact = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                                                        contact_id, NULL);
  g_autofree char *name = NULL;
  g_autofree char *column = NULL;

  g_assert_nonnull (contact);
  name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  column = kontor_record_dup_display_name (KONTOR_RECORD (kontor_board_column_get_status (to)));

  return g_strdup_printf ("“%s” moved to “%s”", name, column);
}

/* ------------------------------------------------------------------------ */
/* Tests */

static void
test_columns_and_counts (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 active = kontor_test_query_int (fixture->base.store,
                                         "SELECT count(*) FROM pipeline_status WHERE active", NULL);
  guint total = 0;

  /* one column per active status, in board order */
  g_assert_cmpuint (kontor_board_get_n_columns (fixture->board), ==, active);
  g_assert_cmpstr (kontor_board_column_get_status_id (kontor_board_get_column (fixture->board, 1)),
                   ==, IN_PROGRESS_ID);

  for (guint i = 0; i < kontor_board_get_n_columns (fixture->board); i++)
    {
      KontorBoardColumn *column = kontor_board_get_column (fixture->board, i);
      const char *id = kontor_board_column_get_status_id (column);
      GListModel *list = column_list (column);
      g_autofree char *previous = NULL;

      /* Prospects and customers only: no inbox, no archive (feature C4, src/README.md) */
      g_assert_cmpuint (g_list_model_get_n_items (list), ==,
                        kontor_test_query_int (fixture->base.store,
                                               "SELECT count(*) FROM contact WHERE "
                                               "pipeline_status_id = ?1 AND status IN (1, 2)",
                                               id));
      total += g_list_model_get_n_items (list);

      /* in board order: by rank */
      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        {
          g_autoptr(KontorContact) contact = g_list_model_get_item (list, j);

          g_assert_cmpstr (kontor_contact_get_pipeline_status_id (contact), ==, id);
          if (previous != NULL)
            g_assert_cmpint (strcmp (previous, kontor_contact_get_rank (contact)), <, 0);
          g_free (previous);
          previous = g_strdup (kontor_contact_get_rank (contact));
        }
    }

  g_assert_cmpuint (total, >, 100);
  g_assert_cmpuint (kontor_board_get_n_items (fixture->board), ==, total);

  /* the cards of the first column are made, and only a few */
  {
    KontorBoardColumn *first = kontor_board_get_column (fixture->board, 0);
    g_autofree char *id = dup_item_id (first, 0);

    g_assert_nonnull (wait_for_card (first, id));
  }
}

static void
test_counts_follow_search (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorRecordList *table = kontor_contacts_view_get_list (fixture->view);
  guint on_board = 0;
  guint expected = 0;

  search (fixture, "Logistik");

  /* the table behind the board waits for changes; asked, it catches up */
  g_assert_true (kontor_record_list_get_paused (table));
  g_assert_true (kontor_record_list_refresh (table, NULL));

  /* the same contacts as the table, those on the board */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (table)); i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (G_LIST_MODEL (table), i);
      KontorContactStatus status = kontor_contact_get_status (contact);

      if (status == KONTOR_CONTACT_STATUS_PROSPECT || status == KONTOR_CONTACT_STATUS_CUSTOMER)
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);

  for (guint i = 0; i < kontor_board_get_n_columns (fixture->board); i++)
    {
      KontorBoardColumn *column = kontor_board_get_column (fixture->board, i);
      GListModel *list = column_list (column);

      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        {
          g_autoptr(KontorContact) contact = g_list_model_get_item (list, j);

          const char *id = kontor_record_get_id (KONTOR_RECORD (contact));

          g_assert_cmpuint (kontor_record_list_find (table, id), !=, G_MAXUINT);
        }
      on_board += g_list_model_get_n_items (list);
    }
  g_assert_cmpuint (on_board, ==, expected);
  g_assert_cmpuint (kontor_board_get_n_items (fixture->board), ==, expected);

  /* the "Leads" type filter too */
  search (fixture, "");
  kontor_contacts_view_set_leads_only (fixture->view, TRUE);
  on_board = 0;
  for (guint i = 0; i < kontor_board_get_n_columns (fixture->board); i++)
    on_board += g_list_model_get_n_items (column_list (kontor_board_get_column (fixture->board,
                                                                                i)));
  g_assert_cmpuint (on_board, ==,
                    kontor_test_query_int (fixture->base.store,
                                           "SELECT count(*) FROM contact WHERE is_lead AND "
                                           "status IN (1, 2) AND pipeline_status_id IN "
                                           "(SELECT id FROM pipeline_status WHERE active)",
                                           NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "contacts.leads-only",
                                             NULL));
  g_assert_false (kontor_filter_get_leads_only (kontor_board_get_filter (fixture->board)));
}

static void
test_restricted_statuses (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (kontor_test_find_widget (GTK_WIDGET (fixture->view),
                                                                  GTK_TYPE_DROP_DOWN));
  GtkWidget *page = kontor_test_find_widget (GTK_WIDGET (fixture->board), ADW_TYPE_STATUS_PAGE);

  g_assert_false (gtk_widget_get_mapped (page));
  /* its icon, an SVG, only once shown (kontor_ui_show_status_page()) */
  g_assert_null (adw_status_page_get_icon_name (ADW_STATUS_PAGE (page)));

  gtk_drop_down_set_selected (dropdown, 1);   /* Inbox */
  kontor_test_settle (100);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (page)), ==,
                   "view-grid-symbolic");
  /* no cards, and the title says so */
  g_assert_cmpuint (kontor_board_get_n_items (fixture->board), ==, 0);
  {
    GtkWidget *title = kontor_test_find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_WINDOW_TITLE);

    g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "0 contacts");
  }

  gtk_drop_down_set_selected (dropdown, 2);   /* Prospects */
  kontor_test_settle (100);
  g_assert_false (gtk_widget_get_mapped (page));
  g_assert_cmpuint (kontor_board_get_n_items (fixture->board), ==,
                    kontor_test_query_int (fixture->base.store,
                                           "SELECT count(*) FROM contact WHERE status = 1 AND "
                                           "pipeline_status_id IN "
                                           "(SELECT id FROM pipeline_status WHERE active)",
                                           NULL));
}

static void
test_drag_to_other_column (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorBoardColumn *from = kontor_board_get_column (fixture->board, 0);
  KontorBoardColumn *to = kontor_board_get_column (fixture->board, 1);
  g_autofree char *id = dup_item_id (from, 0);
  g_autofree char *last_id = dup_item_id (to, g_list_model_get_n_items (column_list (to)) - 1);
  g_autofree char *last_rank = dup_text (fixture, "SELECT rank FROM contact WHERE id = ?1",
                                         last_id);
  g_autofree char *old_rank = dup_text (fixture, "SELECT rank FROM contact WHERE id = ?1", id);
  g_autofree char *status = NULL;
  g_autofree char *rank = NULL;
  guint n_from = g_list_model_get_n_items (column_list (from));
  guint n_to = g_list_model_get_n_items (column_list (to));
  KontorBoardCard *card = wait_for_card (from, id);
  gint64 seq = kontor_test_outbox_last_seq (fixture->base.store);

  snapshot_contacts (fixture);

  /* onto the column, not onto a card: to its end */
  g_assert_true (drag_and_drop (card, find_controller (GTK_WIDGET (to), GTK_TYPE_DROP_TARGET),
                                400.0));

  status = dup_status_of (fixture, id);
  g_assert_cmpstr (status, ==, kontor_board_column_get_status_id (to));
  rank = dup_text (fixture, "SELECT rank FROM contact WHERE id = ?1", id);
  g_assert_cmpint (strcmp (rank, last_rank), >, 0);
  assert_only_changed (fixture, id, seq);

  g_assert_cmpuint (g_list_model_get_n_items (column_list (from)), ==, n_from - 1);
  g_assert_cmpuint (g_list_model_get_n_items (column_list (to)), ==, n_to + 1);
  {
    g_autofree char *now_last = dup_item_id (to, n_to);

    g_assert_cmpstr (now_last, ==, id);
  }

  /* Undo from the toast or Ctrl+Z */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_free (status);
  status = dup_status_of (fixture, id);
  g_assert_cmpstr (status, ==, kontor_board_column_get_status_id (from));
  g_free (rank);
  rank = dup_text (fixture, "SELECT rank FROM contact WHERE id = ?1", id);
  g_assert_cmpstr (rank, ==, old_rank);
  g_assert_cmpuint (g_list_model_get_n_items (column_list (from)), ==, n_from);
  {
    g_autofree char *first = dup_item_id (from, 0);

    g_assert_cmpstr (first, ==, id);
  }
}

static void
test_reorder_within_column (Fixture       *fixture,
                            gconstpointer  data)
{
  KontorBoardColumn *column = kontor_board_get_column (fixture->board, 0);
  g_autofree char *first_id = dup_item_id (column, 0);
  g_autofree char *second_id = dup_item_id (column, 1);
  g_autofree char *moved_id = dup_item_id (column, 3);
  KontorBoardCard *first = wait_for_card (column, first_id);
  KontorBoardCard *moved = wait_for_card (column, moved_id);
  KontorBoardCard *target;
  gint64 seq = kontor_test_outbox_last_seq (fixture->base.store);
  guint n = g_list_model_get_n_items (column_list (column));

  snapshot_contacts (fixture);

  /* onto the upper half of the first card: before it */
  g_assert_true (drag_and_drop (moved, find_controller (GTK_WIDGET (first), GTK_TYPE_DROP_TARGET),
                                1.0));
  {
    g_autofree char *now_first = dup_item_id (column, 0);
    g_autofree char *now_second = dup_item_id (column, 1);

    g_assert_cmpstr (now_first, ==, moved_id);
    g_assert_cmpstr (now_second, ==, first_id);
  }
  g_assert_cmpuint (g_list_model_get_n_items (column_list (column)), ==, n);
  assert_only_changed (fixture, moved_id, seq);

  /* onto the lower half of the (now) second card: after it */
  moved = wait_for_card (column, moved_id);
  target = wait_for_card (column, first_id);
  g_assert_true (drag_and_drop (moved, find_controller (GTK_WIDGET (target), GTK_TYPE_DROP_TARGET),
                                gtk_widget_get_height (GTK_WIDGET (target)) - 1.0));
  {
    g_autofree char *now_first = dup_item_id (column, 0);
    g_autofree char *now_second = dup_item_id (column, 1);
    g_autofree char *now_third = dup_item_id (column, 2);

    g_assert_cmpstr (now_first, ==, first_id);
    g_assert_cmpstr (now_second, ==, moved_id);
    g_assert_cmpstr (now_third, ==, second_id);
  }

  /* dropped next to itself: nothing to do, nothing written */
  seq = kontor_test_outbox_last_seq (fixture->base.store);
  moved = wait_for_card (column, moved_id);
  g_assert_true (drag_and_drop (moved, find_controller (GTK_WIDGET (moved), GTK_TYPE_DROP_TARGET),
                                1.0));
  g_assert_cmpint (kontor_test_outbox_last_seq (fixture->base.store), ==, seq);
}

static void
test_keyboard_move (Fixture       *fixture,
                    gconstpointer  data)
{
  KontorBoardColumn *from = kontor_board_get_column (fixture->board, 1);
  KontorBoardColumn *to = kontor_board_get_column (fixture->board, 2);
  g_autofree char *id = dup_item_id (from, 1);
  g_autofree char *status = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected_label = NULL;
  KontorBoardCard *card = wait_for_card (from, id);
  FocusWait wait = { GTK_WIDGET (fixture->board), id, kontor_board_column_get_status_id (to) };
  KontorContact *contact;
  GtkWidget *focus;
  gint64 seq = kontor_test_outbox_last_seq (fixture->base.store);

  snapshot_contacts (fixture);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));

  /* Ctrl+Alt+Right */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.move-right",
                                             NULL));
  status = dup_status_of (fixture, id);
  g_assert_cmpstr (status, ==, kontor_board_column_get_status_id (to));
  assert_only_changed (fixture, id, seq);

  /* to the top of the next column, and the focus went along */
  {
    g_autofree char *top = dup_item_id (to, 0);

    g_assert_cmpstr (top, ==, id);
  }
  g_assert_true (kontor_test_iterate_until (focus_is_on_card, &wait, KONTOR_TEST_TIMEOUT));

  /* what a screen reader reads when the focus lands: name and column */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  contact = kontor_board_card_get_contact (KONTOR_BOARD_CARD (focus));
  name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  expected_label = g_strdup_printf ("%s, %s", name, "Successfully contacted");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       expected_label);

  /* Ctrl+Alt+Left takes it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.move-left",
                                             NULL));
  g_free (status);
  status = dup_status_of (fixture, id);
  g_assert_cmpstr (status, ==, kontor_board_column_get_status_id (from));
  wait.status_id = kontor_board_column_get_status_id (from);
  g_assert_true (kontor_test_iterate_until (focus_is_on_card, &wait, KONTOR_TEST_TIMEOUT));

  /* at the first column, Ctrl+Alt+Left has nowhere to go */
  {
    KontorBoardColumn *first = kontor_board_get_column (fixture->board, 0);
    g_autofree char *first_id = dup_item_id (first, 0);
    g_autofree char *first_status = NULL;

    gtk_widget_grab_focus (GTK_WIDGET (wait_for_card (first, first_id)));
    gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.move-left", NULL);
    first_status = dup_status_of (fixture, first_id);
    g_assert_cmpstr (first_status, ==, kontor_board_column_get_status_id (first));
  }
}

static void
test_keyboard_focus (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorBoardColumn *first = kontor_board_get_column (fixture->board, 0);
  KontorBoardColumn *second = kontor_board_get_column (fixture->board, 1);
  g_autofree char *id = dup_item_id (first, 2);
  KontorBoardCard *card = wait_for_card (first, id);
  GtkWidget *focus;

  {
    g_autofree char *second_id = dup_item_id (second, 0);

    wait_for_card (second, second_id);
  }

  gtk_widget_grab_focus (GTK_WIDGET (card));

  /* Right: a card of the next column, at about the same height */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.focus-right",
                                             NULL));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (KONTOR_IS_BOARD_CARD (focus));
  g_assert_true (gtk_widget_get_ancestor (focus, KONTOR_TYPE_BOARD_COLUMN) == GTK_WIDGET (second));
  g_assert_cmpuint (kontor_board_card_get_position (KONTOR_BOARD_CARD (focus)), <=, 4);

  /* Left: back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.focus-left",
                                             NULL));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (gtk_widget_get_ancestor (focus, KONTOR_TYPE_BOARD_COLUMN) == GTK_WIDGET (first));

  /* after the contact page, the focus comes back to the card */
  gtk_widget_activate_action (GTK_WIDGET (focus), "card.open", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contacts",
                                             NULL));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == focus);
}

static void
test_move_to_menu (Fixture       *fixture,
                   gconstpointer  data)
{
  KontorBoardColumn *from = kontor_board_get_column (fixture->board, 0);
  KontorBoardColumn *to = column_of (fixture, "won");
  g_autofree char *id = dup_item_id (from, 0);
  g_autofree char *status = NULL;
  KontorBoardCard *card = wait_for_card (from, id);
  GtkMenuButton *button = GTK_MENU_BUTTON (find_menu_button (GTK_WIDGET (card),
                                                             "go-jump-symbolic"));
  GMenuModel *menu;
  GMenuModel *section;
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;
  FocusWait wait = { GTK_WIDGET (fixture->board), id, kontor_board_column_get_status_id (to) };

  /* the other columns, each with the move as its action */
  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==,
                   kontor_board_get_n_columns (fixture->board) - 1);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action));
  g_assert_cmpstr (action, ==, "board.move-card");
  gtk_menu_button_popdown (button);
  g_object_unref (section);

  /* choosing "Order received" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "board.move-card", "(ss)", id,
                                             kontor_board_column_get_status_id (to)));
  status = dup_status_of (fixture, id);
  g_assert_cmpstr (status, ==, kontor_board_column_get_status_id (to));
  g_assert_true (kontor_test_iterate_until (focus_is_on_card, &wait, KONTOR_TEST_TIMEOUT));

  /* and undo */
  undo (fixture);
  g_free (status);
  status = dup_status_of (fixture, id);
  g_assert_cmpstr (status, ==, kontor_board_column_get_status_id (from));
}

/* An operation from a card in no Kontor window: applied through the
 * context's stack, and undoable there */
static void
test_card_outside_window (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KontorContext) context = kontor_context_new (fixture->base.store, fixture->settings);
  KontorOperationStack *operations = kontor_context_get_operations (context);
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  KontorBoard *board = KONTOR_BOARD (kontor_board_new (context, filter));
  KontorBoardColumn *column;
  KontorBoardCard *card;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *due_date = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (board));
  gtk_window_present (window);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, board,
                                            KONTOR_TEST_TIMEOUT));

  column = kontor_board_get_column (board, 0);
  id = dup_item_id (column, 0);
  card = wait_for_card (column, id);
  before = dup_text (fixture, "SELECT due_date FROM contact WHERE id = ?1", id);
  g_assert_cmpstr (before, !=, "2030-02-03");
  g_assert_false (kontor_operation_stack_get_can_undo (operations));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.set-due-date", "s",
                                             "2030-02-03"));
  due_date = dup_text (fixture, "SELECT due_date FROM contact WHERE id = ?1", id);
  g_assert_cmpstr (due_date, ==, "2030-02-03");
  g_assert_true (kontor_operation_stack_get_can_undo (operations));

  /* the fixture's window has another context: nothing to undo there */
  g_assert_false (kontor_operation_stack_get_can_undo (
    kontor_context_get_operations (fixture->context)));

  g_assert_true (kontor_operation_stack_undo (operations, &error));
  g_assert_no_error (error);
  g_clear_pointer (&due_date, g_free);
  due_date = dup_text (fixture, "SELECT due_date FROM contact WHERE id = ?1", id);
  g_assert_cmpstr (due_date, ==, before);

  gtk_window_destroy (window);
}

/* Activates @action on @widget; the contact is in @column afterwards */
static void
activate_and_expect (Fixture           *fixture,
                     GtkWidget         *widget,
                     const char        *action,
                     GVariant          *parameter,
                     const char        *contact_id,
                     KontorBoardColumn *column)
{
  g_autoptr(GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;
  g_autofree char *status = NULL;

  g_assert_true (gtk_widget_activate_action_variant (widget, action, owned));
  status = dup_status_of (fixture, contact_id);
  g_assert_cmpstr (status, ==, kontor_board_column_get_status_id (column));
}

/* Moves a card to the top of @to, as its "Move to" menu does */
static void
move_card_to (Fixture           *fixture,
              const char        *contact_id,
              KontorBoardColumn *to)
{
  activate_and_expect (fixture, GTK_WIDGET (fixture->board), "board.move-card",
                       g_variant_new ("(ss)", contact_id, kontor_board_column_get_status_id (to)),
                       contact_id, to);
}

/* Ctrl+Z or Shift+Ctrl+Z: win.undo or win.redo */
static void
undo_or_redo (Fixture           *fixture,
              const char        *action,
              const char        *contact_id,
              KontorBoardColumn *column)
{
  activate_and_expect (fixture, GTK_WIDGET (fixture->window), action, NULL, contact_id, column);
}

/* Shift+Ctrl+Z after Ctrl+Z puts the change back, and says so again */
static void
test_redo_after_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  KontorBoardColumn *from = kontor_board_get_column (fixture->board, 0);
  KontorBoardColumn *to = column_of (fixture, "won");
  g_autofree char *id = dup_item_id (from, 0);
  g_autofree char *title = dup_move_title (fixture, id, to);
  KontorOperationStack *operations = kontor_context_get_operations (fixture->context);

  wait_for_card (from, id);
  move_card_to (fixture, id, to);
  g_assert_false (kontor_operation_stack_get_can_redo (operations));
  wait_for_toast (fixture, title);

  undo_or_redo (fixture, "win.undo", id, from);
  g_assert_true (kontor_operation_stack_get_can_redo (operations));
  /* undone: the toast went */
  wait_for_toast (fixture, NULL);

  undo_or_redo (fixture, "win.redo", id, to);
  g_assert_false (kontor_operation_stack_get_can_redo (operations));
  wait_for_toast (fixture, title);

  /* and undoable again */
  undo_or_redo (fixture, "win.undo", id, from);
  wait_for_toast (fixture, NULL);
}

/* The toast names the change; a second change replaces it, and the first
 * does not come back once the second is undone */
static void
test_toast_names_change (Fixture       *fixture,
                         gconstpointer  data)
{
  KontorBoardColumn *from = kontor_board_get_column (fixture->board, 0);
  KontorBoardColumn *to = column_of (fixture, "won");
  g_autofree char *first_id = dup_item_id (from, 0);
  g_autofree char *second_id = dup_item_id (from, 1);
  g_autofree char *first_title = dup_move_title (fixture, first_id, to);
  g_autofree char *second_title = dup_move_title (fixture, second_id, to);

  wait_for_card (from, first_id);
  move_card_to (fixture, first_id, to);
  wait_for_toast (fixture, first_title);

  move_card_to (fixture, second_id, to);
  wait_for_toast (fixture, second_title);

  /* undone: the second toast goes, and the first was dismissed, not
   * queued behind it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  {
    ToastWait wait = { GTK_WIDGET (fixture->window), second_title };

    g_assert_true (kontor_test_iterate_until (toast_is_gone, &wait, KONTOR_TEST_TIMEOUT));
    g_assert_false (kontor_test_shows_toast (GTK_WIDGET (fixture->window), first_title));
  }
}

/* A card's menu deletes its contact with win.delete-contact, as the table
 * and the contact's page do: asking first */
static void
test_card_delete (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorBoardColumn *column = kontor_board_get_column (fixture->board, 0);
  g_autofree char *id = dup_item_id (column, 0);
  KontorBoardCard *card = wait_for_card (column, id);
  GtkMenuButton *button = GTK_MENU_BUTTON (find_menu_button (GTK_WIDGET (card),
                                                             "go-jump-symbolic"));
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;
  AdwMessageDialog *dialog;
  const char *count = "SELECT count(*) FROM contact WHERE id = ?1";

  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  section = g_menu_model_get_item_link (gtk_menu_button_get_menu_model (button), 1,
                                        G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action));
  g_assert_cmpstr (action, ==, "win.delete-contact");
  target = g_menu_model_get_item_attribute_value (section, 0, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE_STRING);
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, id);
  gtk_menu_button_popdown (button);

  /* nothing happens before the answer */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (card), action, target));
  g_assert_cmpint (kontor_test_query_int (fixture->base.store, count, id), ==, 1);
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  adw_message_dialog_response (dialog, KONTOR_DELETE_RESPONSE);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store, count, id), ==, 0);
}

static void
test_viewer_cannot_move (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) users = kontor_store_list_users (fixture->base.store, NULL);
  KontorBoardColumn *from = kontor_board_get_column (fixture->board, 0);
  KontorBoardColumn *to = kontor_board_get_column (fixture->board, 1);
  g_autofree char *id = dup_item_id (from, 0);
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  KontorBoardCard *card = wait_for_card (from, id);
  gint64 seq = kontor_test_outbox_last_seq (fixture->base.store);
  GtkMenuButton *menu_button;
  KontorUser *viewer = NULL;

  for (guint i = 0; i < users->len; i++)
    {
      if (kontor_user_get_role (g_ptr_array_index (users, i)) == KONTOR_USER_ROLE_VIEWER)
        viewer = g_ptr_array_index (users, i);
    }
  g_assert_nonnull (viewer);
  g_assert_true (kontor_store_set_current_user (fixture->base.store, viewer, &error));
  g_assert_no_error (error);

  /* no drag */
  g_assert_false (drag_and_drop (card, find_controller (GTK_WIDGET (to), GTK_TYPE_DROP_TARGET),
                                 10.0));
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (
                     find_controller (GTK_WIDGET (card), GTK_TYPE_DRAG_SOURCE)),
                   ==, GTK_PHASE_NONE);

  /* no keyboard move, no menu move, no assigning, no due date */
  gtk_widget_grab_focus (GTK_WIDGET (card));
  gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.move-right", NULL);
  gtk_widget_activate_action (GTK_WIDGET (card), "board.move-card", "(ss)", id,
                              kontor_board_column_get_status_id (to));
  gtk_widget_activate_action (GTK_WIDGET (card), "card.set-due-date", "s", "2030-01-01");
  g_assert_false (kontor_board_move_contact (fixture->board, kontor_board_card_get_contact (card),
                                             kontor_board_column_get_status_id (to), NULL, NULL));

  /* no column changes */
  gtk_widget_activate_action (GTK_WIDGET (to), "column.move-right", NULL);
  gtk_widget_activate_action (GTK_WIDGET (to), "column.rename", NULL);
  g_assert_null (kontor_test_find_message_dialog ());

  status = dup_status_of (fixture, id);
  g_assert_cmpstr (status, ==, kontor_board_column_get_status_id (from));
  g_assert_cmpint (kontor_test_outbox_last_seq (fixture->base.store), ==, seq);

  /* the column menu says why */
  menu_button = kontor_board_column_get_menu_button (to);
  gtk_menu_button_popup (menu_button);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)),
                                           "Your role cannot change the board"));
  gtk_menu_button_popdown (menu_button);
}

static void
answer_name_dialog (const char *name)
{
  AdwMessageDialog *dialog = kontor_test_wait_for_message_dialog ();
  GtkWidget *entry;

  g_assert_nonnull (dialog);
  entry = kontor_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_column_menu (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorBoardColumn *first = kontor_board_get_column (fixture->board, 0);
  KontorBoardColumn *column = column_of (fixture, "in-progress");
  GtkMenuButton *button;
  GtkWidget *popover;
  g_autofree char *name = NULL;
  g_autofree char *new_id = NULL;
  guint n_columns = kontor_board_get_n_columns (fixture->board);

  /* a system column: not renamed, not deleted, not moved, and the menu
   * says why */
  button = kontor_board_column_get_menu_button (first);
  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_nonnull (find_label_containing (popover, "automatic e-mails"));
  g_assert_nonnull (find_label_containing (popover, "stays the first column"));
  gtk_menu_button_popdown (button);
  gtk_widget_activate_action (GTK_WIDGET (first), "column.rename", NULL);
  gtk_widget_activate_action (GTK_WIDGET (first), "column.move-right", NULL);
  gtk_widget_activate_action (GTK_WIDGET (first), "column.delete", NULL);
  g_assert_null (kontor_test_find_message_dialog ());
  g_assert_true (kontor_board_get_column (fixture->board, 0) == first);

  /* a column with contacts cannot be deleted */
  button = kontor_board_column_get_menu_button (column);
  gtk_menu_button_popup (button);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                           "still holds"));
  gtk_menu_button_popdown (button);

  /* rename, with undo */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.rename", NULL));
  answer_name_dialog ("Qualifiziert");
  name = dup_text (fixture, "SELECT name FROM pipeline_status WHERE key = ?1", "in-progress");
  g_assert_cmpstr (name, ==, "Qualifiziert");
  column = column_of (fixture, "in-progress");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (column), "Qualifiziert"));
  undo (fixture);
  g_clear_pointer (&name, g_free);
  name = dup_text (fixture, "SELECT name FROM pipeline_status WHERE key = ?1", "in-progress");
  g_assert_null (name);

  /* another column's name (in any case) cannot be applied, and the
   * dialog says why */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.rename", NULL));
  {
    AdwMessageDialog *dialog = kontor_test_wait_for_message_dialog ();
    GtkWidget *entry = kontor_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (entry), "offer SENT");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
    g_assert_true (gtk_widget_has_css_class (entry, "error"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Offer sent"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Offer sent soon");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
    g_assert_false (gtk_widget_has_css_class (entry, "error"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* move right: the columns swap places */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.move-right", NULL));
  g_assert_true (kontor_board_get_column (fixture->board, 2) == column);
  undo (fixture);
  g_assert_true (kontor_board_get_column (fixture->board, 1) == column);

  /* add a column right of "Lost" */
  column = column_of (fixture, "lost");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.add-right", NULL));
  answer_name_dialog ("Nachfassen");
  g_assert_cmpuint (kontor_board_get_n_columns (fixture->board), ==, n_columns + 1);
  new_id = dup_text (fixture, "SELECT id FROM pipeline_status WHERE name = ?1", "Nachfassen");
  g_assert_nonnull (new_id);
  g_assert_cmpstr (kontor_board_column_get_status_id (kontor_board_get_column (fixture->board,
                                                                              n_columns)),
                   ==, new_id);

  /* an empty column can be deleted; undo brings it back */
  column = kontor_board_find_column (fixture->board, new_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.delete", NULL));
  g_assert_cmpuint (kontor_board_get_n_columns (fixture->board), ==, n_columns);
  g_assert_null (kontor_board_find_column (fixture->board, new_id));
  undo (fixture);
  g_assert_nonnull (kontor_board_find_column (fixture->board, new_id));
}

static KontorBoardSettings *
get_board_settings (Fixture *fixture)
{
  GtkWidget *button = find_menu_button (GTK_WIDGET (fixture->view), "emblem-system-symbolic");

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));

  return KONTOR_BOARD_SETTINGS (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

static void
test_board_settings (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorBoardSettings *popover = get_board_settings (fixture);
  g_autoptr(GPtrArray) statuses = kontor_store_list_pipeline_statuses (fixture->base.store, NULL);
  g_auto(GStrv) columns = NULL;
  g_auto(GStrv) fields = NULL;
  guint n_columns = kontor_board_get_n_columns (fixture->board);

  /* every status, inactive ones too */
  g_assert_cmpuint (statuses->len, ==, n_columns);

  /* hide "Lost" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover),
                                             "board-settings.column-" LOST_ID, NULL));
  columns = g_settings_get_strv (fixture->settings, "board-columns");
  g_assert_cmpuint (g_strv_length (columns), ==, n_columns - 1);
  g_assert_false (g_strv_contains ((const char * const *) columns, LOST_ID));
  g_assert_cmpuint (kontor_board_get_n_columns (fixture->board), ==, n_columns - 1);
  g_assert_null (kontor_board_find_column (fixture->board, LOST_ID));

  /* hide all but the first: the last one stays, and the popover says why */
  for (guint i = 1; i < statuses->len; i++)
    {
      g_autofree char *action = g_strconcat ("board-settings.column-",
                                             kontor_record_get_id (g_ptr_array_index (statuses, i)),
                                             NULL);
      g_auto(GStrv) shown = g_settings_get_strv (fixture->settings, "board-columns");

      if (g_strv_contains ((const char * const *) shown,
                           kontor_record_get_id (g_ptr_array_index (statuses, i))))
        gtk_widget_activate_action (GTK_WIDGET (popover), action, NULL);
    }
  g_assert_cmpuint (kontor_board_get_n_columns (fixture->board), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (popover), "board-settings.column-"
                              "00000000-0000-7000-8000-000000000001", NULL);
  g_assert_cmpuint (kontor_board_get_n_columns (fixture->board), ==, 1);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (popover), "At least one column"));

  /* and back */
  gtk_widget_activate_action (GTK_WIDGET (popover), "board-settings.column-" IN_PROGRESS_ID, NULL);
  g_assert_cmpuint (kontor_board_get_n_columns (fixture->board), ==, 2);
  g_assert_nonnull (kontor_board_find_column (fixture->board, IN_PROGRESS_ID));

  /* an inactive status is offered, marked, and shown when chosen */
  {
    g_autoptr(KontorPipelineStatus) lost = kontor_store_load (fixture->base.store,
                                                              KONTOR_TYPE_PIPELINE_STATUS,
                                                              LOST_ID, NULL);
    g_autoptr(GError) error = NULL;

    kontor_pipeline_status_set_active (lost, FALSE);
    g_assert_true (kontor_store_save (fixture->base.store, KONTOR_RECORD (lost), &error));
    g_assert_no_error (error);
  }
  g_settings_reset (fixture->settings, "board-columns");
  g_assert_cmpuint (kontor_board_get_n_columns (fixture->board), ==, n_columns - 1);
  g_assert_null (kontor_board_find_column (fixture->board, LOST_ID));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (popover), "Lost (inactive)"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover),
                                             "board-settings.column-" LOST_ID, NULL));
  g_assert_nonnull (kontor_board_find_column (fixture->board, LOST_ID));
  g_assert_cmpuint (kontor_board_get_n_columns (fixture->board), ==, n_columns);

  /* card fields: the sales rep too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover),
                                             "board-settings.field-sales-rep", NULL));
  fields = g_settings_get_strv (fixture->settings, "board-card-fields");
  g_assert_true (g_strv_contains ((const char * const *) fields, "sales-rep"));
  g_assert_true (g_strv_contains ((const char * const *) fields, "company"));
  kontor_test_settle (100);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (fixture->board), "Sales rep: "));

  /* and without the company */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover),
                                             "board-settings.field-company", NULL));
  g_clear_pointer (&fields, g_strfreev);
  fields = g_settings_get_strv (fixture->settings, "board-card-fields");
  g_assert_false (g_strv_contains ((const char * const *) fields, "company"));
}

static void
test_assign_and_due_date (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) users = kontor_store_list_users (fixture->base.store, NULL);
  KontorBoardColumn *column = kontor_board_get_column (fixture->board, 0);
  g_autofree char *id = dup_item_id (column, 0);
  KontorBoardCard *card = wait_for_card (column, id);
  GtkMenuButton *assign;
  KontorUser *user = NULL;
  const char *user_id = NULL;
  g_autofree char *assignees = NULL;
  g_autofree char *due_date = NULL;

  /* a salesperson the contact is not assigned to yet */
  for (guint i = 0; i < users->len; i++)
    {
      KontorUser *candidate = g_ptr_array_index (users, i);
      KontorContact *contact = kontor_board_card_get_contact (card);
      const char * const *assigned = kontor_contact_get_assignees (contact);

      if (kontor_user_get_role (candidate) == KONTOR_USER_ROLE_SALES &&
          (assigned == NULL ||
           !g_strv_contains (assigned, kontor_record_get_id (KONTOR_RECORD (candidate)))))
        user = candidate;
    }
  g_assert_nonnull (user);
  user_id = kontor_record_get_id (KONTOR_RECORD (user));

  /* the popover lists the colleagues; the avatar is the first menu
   * button without an icon */
  assign = GTK_MENU_BUTTON (find_menu_button (GTK_WIDGET (card), NULL));
  g_assert_nonnull (assign);
  gtk_menu_button_popup (assign);
  g_assert_nonnull (kontor_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (assign)),
                                             GTK_TYPE_LIST_BOX_ROW));
  gtk_menu_button_popdown (assign);

  /* choosing a colleague assigns the contact to them */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.assign", "s", user_id));
  assignees = dup_text (fixture, "SELECT group_concat(target_id) FROM contact_link "
                                 "WHERE kind = 1 AND owner_id = ?1", id);
  g_assert_cmpstr (assignees, ==, user_id);
  {
    g_autofree char *initials = kontor_user_dup_initials (user);

    card = wait_for_card (column, id);
    g_assert_nonnull (find_label_containing (GTK_WIDGET (card), initials));
  }

  /* choosing them again takes it back; undo gives it again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.assign", "s", user_id));
  g_clear_pointer (&assignees, g_free);
  assignees = dup_text (fixture, "SELECT group_concat(target_id) FROM contact_link "
                                 "WHERE kind = 1 AND owner_id = ?1", id);
  g_assert_null (assignees);
  undo (fixture);
  assignees = dup_text (fixture, "SELECT group_concat(target_id) FROM contact_link "
                                 "WHERE kind = 1 AND owner_id = ?1", id);
  g_assert_cmpstr (assignees, ==, user_id);

  /* the due date, from the calendar popover */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.set-due-date", "s",
                                             "2030-01-15"));
  due_date = dup_text (fixture, "SELECT due_date FROM contact WHERE id = ?1", id);
  g_assert_cmpstr (due_date, ==, "2030-01-15");
  card = wait_for_card (column, id);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (card), "2030-01-15"));

  {
    GtkWidget *label = NULL;
    GtkMenuButton *due = NULL;
    g_autoptr(GDateTime) date = g_date_time_new_local (2031, 3, 2, 0, 0, 0);
    GtkWidget *calendar;

    /* in the date button once the card has the focus */
    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
    label = find_label_containing (GTK_WIDGET (card), "2030-01-15");
    due = GTK_MENU_BUTTON (gtk_widget_get_ancestor (label, GTK_TYPE_MENU_BUTTON));

    g_assert_nonnull (due);
    gtk_menu_button_popup (due);
    calendar = kontor_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (due)),
                                        GTK_TYPE_CALENDAR);
    g_assert_nonnull (calendar);
    gtk_calendar_select_day (GTK_CALENDAR (calendar), date);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.apply-due-date", NULL));
    g_clear_pointer (&due_date, g_free);
    due_date = dup_text (fixture, "SELECT due_date FROM contact WHERE id = ?1", id);
    g_assert_cmpstr (due_date, ==, "2031-03-02");
  }

  /* Clear */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.set-due-date", "s", ""));
  g_clear_pointer (&due_date, g_free);
  due_date = dup_text (fixture, "SELECT due_date FROM contact WHERE id = ?1", id);
  g_assert_null (due_date);
}

static KontorBoardCard *
find_card_in_view (KontorBoardColumn *column)
{
  GtkWidget *list_view = kontor_board_column_get_view (column);

  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);

      if (KONTOR_IS_BOARD_CARD (card) && gtk_widget_get_mapped (card) &&
          kontor_board_card_get_contact (KONTOR_BOARD_CARD (card)) != NULL &&
          kontor_board_card_get_position (KONTOR_BOARD_CARD (card)) > 2)
        return KONTOR_BOARD_CARD (card);
    }

  return NULL;
}

static void
test_open_keeps_scroll (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorBoardColumn *column = kontor_board_get_column (fixture->board, 0);
  GtkAdjustment *adjustment = kontor_board_column_get_vadjustment (column);
  GtkWidget *page = kontor_window_get_contact_page (fixture->window);
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (page));
  KontorBoardCard *card;
  double value;

  /* the column makes its cards as it is scrolled, a screen ahead */
  for (guint i = 0; i < 10 && gtk_adjustment_get_value (adjustment) < 400; i++)
    {
      gtk_adjustment_set_value (adjustment, MIN (400, gtk_adjustment_get_value (adjustment) +
                                                      gtk_adjustment_get_page_size (adjustment)));
      kontor_test_settle (100);
    }
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, ==, 400);

  /* a card in view, opened by clicking it (its edit button does the same) */
  card = find_card_in_view (column);
  g_assert_nonnull (card);
  /* as a click does; a card half out of view scrolls in */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  kontor_test_settle (200);
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.edit", NULL));
  g_assert_true (gtk_stack_get_visible_child (stack) == page);
  kontor_test_settle (200);

  /* cancelling the form: back on the board, where it was */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-contacts",
                                             NULL));
  kontor_test_settle (200);
  g_assert_true (gtk_stack_get_visible_child (stack) ==
                 kontor_window_get_workspace (fixture->window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);
}

static void
on_after_paint_cb (guint *painted)
{
  (*painted)++;
}

static gboolean
is_painted (gpointer data)
{
  return *(guint *) data > 0;
}

/* Waits until @widget has been painted once more: by then the layout
 * that the last changes asked for has run */
static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint painted = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_after_paint_cb),
                                      &painted);
  gtk_widget_queue_draw (widget);
  g_assert_true (kontor_test_iterate_until (is_painted, &painted, KONTOR_TEST_TIMEOUT));
  g_signal_handler_disconnect (clock, handler);
}

static gboolean
is_scrolled_to_end (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) -
         gtk_adjustment_get_page_size (adjustment) < 1;
}

/* A column makes the cards of its first screens, and more as it is
 * scrolled; a card further down is made when something scrolls to it */
static void
test_cards_as_scrolled (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorBoardColumn *first = kontor_board_get_column (fixture->board, 0);
  KontorBoardColumn *second = kontor_board_get_column (fixture->board, 1);
  GtkAdjustment *adjustment = kontor_board_column_get_vadjustment (first);
  guint n = g_list_model_get_n_items (column_list (first));
  g_autofree char *last = NULL;
  g_autofree char *moved = dup_item_id (first, 0);
  g_autofree char *second_last = NULL;
  FocusWait wait = { GTK_WIDGET (fixture->board), moved,
                     kontor_board_column_get_status_id (second) };
  guint scrolls = 0;

  /* the demo team fills the first column with more cards than it makes */
  g_assert_cmpuint (n, >, 20);
  last = dup_item_id (first, n - 1);
  g_assert_null (kontor_board_column_find_card (first, last));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (
    GTK_GRID_VIEW (kontor_board_column_get_view (first))))), <, n);

  /* scrolled to the end, again and again: the last card comes. The view
   * makes cards a few rows past what it shows, and measures the cards it
   * was given only in its next frames, so the last card can be made while
   * the view is still short of the end: scroll on until it is, as a person
   * reading to the end of the column would. */
  while ((!card_is_shown (&(CardWait) { first, last }) || !is_scrolled_to_end (adjustment)) &&
         scrolls++ < 20)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                gtk_adjustment_get_page_size (adjustment));
      /* the view measures the cards it was given in the next frames: only
       * then is the adjustment's end the column's */
      wait_for_paint (GTK_WIDGET (first));
      wait_for_paint (GTK_WIDGET (first));
    }
  g_assert_nonnull (wait_for_card (first, last));
  g_assert_true (is_scrolled_to_end (adjustment));

  /* a contact added at the end while the column is scrolled to its end,
   * past every card made: its card is made */
  {
    g_autoptr(KontorContact) added = kontor_contact_new ();

    kontor_contact_set_last_name (added, "Zuletzt");
    kontor_contact_set_status (added, KONTOR_CONTACT_STATUS_PROSPECT);
    kontor_contact_set_pipeline_status_id (added, kontor_board_column_get_status_id (first));
    kontor_test_save (fixture->base.store, added);
    g_assert_cmpuint (g_list_model_get_n_items (column_list (first)), ==, n + 1);
    g_free (last);
    last = dup_item_id (first, n);
    g_assert_cmpstr (last, ==, kontor_record_get_id (KONTOR_RECORD (added)));
    g_assert_true (kontor_test_iterate_until (card_is_made, &(CardWait) { first, last },
                                              KONTOR_TEST_TIMEOUT));
  }

  /* a card moved to the end of the next column: the column scrolls down
   * to it and the focus goes along */
  second_last = dup_item_id (second, g_list_model_get_n_items (column_list (second)) - 1);
  g_assert_null (kontor_board_column_find_card (second, second_last));
  {
    g_autoptr(KontorContact) contact = g_list_model_get_item (column_list (first), 0);
    GListModel *second_list = column_list (second);
    g_autoptr(KontorContact) before =
      g_list_model_get_item (second_list, g_list_model_get_n_items (second_list) - 1);

    g_assert_true (kontor_board_move_contact (fixture->board, contact,
                                              kontor_board_column_get_status_id (second),
                                              before, NULL));
  }
  g_assert_true (kontor_test_iterate_until (focus_is_on_card, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_nonnull (kontor_board_column_find_card (second, second_last));
}

/* A drag held near an edge scrolls there: @scroller's controller is told
 * of a drag at (@x, @y), and the adjustment moves until the drag leaves */
static void
assert_drag_scrolls (GtkWidget     *scroller,
                     GtkAdjustment *adjustment,
                     double         x,
                     double         y)
{
  GtkEventController *controller = find_controller (scroller, GTK_TYPE_DROP_CONTROLLER_MOTION);
  double before = gtk_adjustment_get_value (adjustment);
  double after;

  g_assert_nonnull (controller);
  g_assert_cmpstr (gtk_event_controller_get_name (controller), ==, "kontor-autoscroll");

  /* in the middle, nothing moves */
  g_signal_emit_by_name (controller, "enter", gtk_widget_get_width (scroller) / 2.0,
                         gtk_widget_get_height (scroller) / 2.0);
  kontor_test_settle (150);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, before);

  g_signal_emit_by_name (controller, "motion", x, y);
  kontor_test_settle (300);
  after = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (after, >, before);

  g_signal_emit_by_name (controller, "leave");
  after = gtk_adjustment_get_value (adjustment);
  kontor_test_settle (150);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, after);
}

/* Dragging a card to the bottom of a column scrolls it down, to the right
 * edge of the board scrolls the board right (feature P4, src/README.md) */
static void
test_drag_scrolls (Fixture       *fixture,
                   gconstpointer  data)
{
  KontorBoardColumn *first = kontor_board_get_column (fixture->board, 0);
  GtkWidget *column_scroller = gtk_widget_get_parent (kontor_board_column_get_view (first));
  GtkWidget *board_scroller = gtk_widget_get_ancestor (GTK_WIDGET (first),
                                                       GTK_TYPE_SCROLLED_WINDOW);

  g_assert_true (GTK_IS_SCROLLED_WINDOW (column_scroller));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (board_scroller));
  g_assert_true (column_scroller != board_scroller);

  assert_drag_scrolls (column_scroller, kontor_board_column_get_vadjustment (first),
                       gtk_widget_get_width (column_scroller) / 2.0,
                       gtk_widget_get_height (column_scroller) - 4);
  assert_drag_scrolls (board_scroller,
                       gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (board_scroller)),
                       gtk_widget_get_width (board_scroller) - 4,
                       gtk_widget_get_height (board_scroller) / 2.0);
}

/* The number a column's header shows for @css_class ("overdue", "stale"),
 * 0 when it shows none */
static guint
header_alert (KontorBoardColumn *column,
              const char        *css_class)
{
  GtkWidget *label = kontor_test_find_with_class (GTK_WIDGET (column), GTK_TYPE_LABEL,
                                                  css_class);

  g_assert_nonnull (label);
  if (!gtk_widget_get_visible (label))
    return 0;

  return (guint) g_ascii_strtoull (gtk_label_get_label (GTK_LABEL (label)), NULL, 10);
}

typedef struct
{
  Fixture    *fixture;
  const char *key;
  const char *css_class;
  guint       expected;
} AlertWait;

static gboolean
alert_is (gpointer data)
{
  AlertWait *wait = data;

  return header_alert (column_of (wait->fixture, wait->key), wait->css_class) == wait->expected;
}

/* The header's count is made in an idle, after the board has heard of the
 * change (a changed column is a new object): wait for it, then check it */
static void
assert_alert_becomes (Fixture    *fixture,
                      const char *key,
                      const char *css_class,
                      guint       expected)
{
  AlertWait wait = { fixture, key, css_class, expected };

  kontor_test_iterate_until (alert_is, &wait, KONTOR_TEST_TIMEOUT);
  g_assert_cmpuint (header_alert (column_of (fixture, key), css_class), ==, expected);
}

static gboolean
card_is_stale (gpointer data)
{
  return gtk_widget_has_css_class (GTK_WIDGET (data), "stale");
}

static gboolean
card_is_fresh (gpointer data)
{
  return !card_is_stale (data);
}

static gboolean
column_waits_10_days (gpointer data)
{
  Fixture *fixture = data;

  return kontor_pipeline_status_get_stale_days (KONTOR_PIPELINE_STATUS (
    kontor_board_column_get_status (column_of (fixture, "contacted")))) == 10;
}

static guint
count_column (Fixture           *fixture,
              KontorBoardColumn *column,
              const char        *condition)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contact WHERE status IN (1, 2)"
                                          " AND pipeline_status_id = ?1 AND %s", condition);

  return kontor_test_query_int (fixture->base.store, sql,
                                kontor_board_column_get_status_id (column));
}

/* features X5, X7 (src/README.md): a column marks cards stale after the days it is given
 * (with undo), and its header counts the stale and the overdue ones */
static void
test_stale_and_overdue (Fixture       *fixture,
                        gconstpointer  data)
{
  KontorBoardColumn *column = column_of (fixture, "contacted");
  g_autofree char *today = kontor_format_dup_today ();
  g_autofree char *overdue_sql = g_strdup_printf ("due_date < '%s'", today);
  g_autofree char *stale_sql = NULL;
  g_autofree char *stale_id = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  AdwMessageDialog *dialog;
  KontorBoardCard *card;
  guint n_stale;

  /* one more card past its due date: the header follows the store */
  {
    g_autoptr(KontorContact) contact = NULL;
    guint before = count_column (fixture, column, overdue_sql);

    /* the header counts after the column's first frame */
    assert_alert_becomes (fixture, "contacted", "overdue", before);
    for (guint i = 0; contact == NULL; i++)
      {
        g_assert_cmpuint (i, <, g_list_model_get_n_items (column_list (column)));
        contact = g_list_model_get_item (column_list (column), i);
        if (kontor_contact_get_due_date (contact) != NULL &&
            strcmp (kontor_contact_get_due_date (contact), today) < 0)
          g_clear_object (&contact);
      }
    kontor_contact_set_due_date (contact, "2020-02-02");
    kontor_test_save (fixture->base.store, contact);
    assert_alert_becomes (fixture, "contacted", "overdue", before + 1);
    g_assert_cmpuint (header_alert (column, "overdue"), ==, count_column (fixture, column,
                                                                           overdue_sql));
  }
  g_assert_cmpuint (header_alert (column, "stale"), ==, 0);

  /* stale after 10 days, from the column menu's dialog */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.set-stale-days", NULL));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog)), 10);
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));

  stale_sql = g_strdup_printf ("max (last_activity_at, pipeline_entered_at) < %" G_GINT64_FORMAT,
                               now - 10 * 86400);
  n_stale = count_column (fixture, column, stale_sql);
  g_assert_cmpuint (n_stale, >, 0);
  assert_alert_becomes (fixture, "contacted", "stale", n_stale);
  column = column_of (fixture, "contacted");
  g_assert_cmpint (kontor_pipeline_status_get_stale_days (KONTOR_PIPELINE_STATUS (kontor_board_column_get_status (column))),
                   ==, 10);

  /* the first stale card is marked, with a badge */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM contact WHERE status IN (1, 2) AND"
                                            " pipeline_status_id = ?1 AND %s"
                                            " ORDER BY rank, sort_name, rid LIMIT 1", stale_sql);

    stale_id = dup_text (fixture, sql, kontor_board_column_get_status_id (column));
  }
  g_assert_nonnull (stale_id);
  _kontor_board_column_scroll_to (column,
                                  kontor_record_list_find (kontor_board_column_get_list (column),
                                                           stale_id));
  card = wait_for_card (column, stale_id);
  g_assert_true (kontor_test_iterate_until (card_is_stale, card, KONTOR_TEST_TIMEOUT));
  /* drawn until it is needed; its badge is a widget once it is */
  _kontor_board_card_arm (card);
  g_assert_true (gtk_widget_get_visible (kontor_test_find_with_class (GTK_WIDGET (card),
                                                                      GTK_TYPE_LABEL,
                                                                      "board-stale-badge")));

  /* undone: nothing is stale there any more */
  undo (fixture);
  assert_alert_becomes (fixture, "contacted", "stale", 0);
  column = column_of (fixture, "contacted");
  g_assert_cmpint (kontor_pipeline_status_get_stale_days (KONTOR_PIPELINE_STATUS (kontor_board_column_get_status (column))),
                   ==, 0);
  card = wait_for_card (column, stale_id);
  g_assert_true (kontor_test_iterate_until (card_is_fresh, card, KONTOR_TEST_TIMEOUT));
}

/* Days count in local calendar days: what came in late yesterday is a day
 * old this morning (the tests run with TZ=UTC) */
static void
test_days_since (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);
  gint64 today = g_date_time_to_unix (midnight);

  g_assert_cmpuint (kontor_format_days_since (g_date_time_to_unix (now)), ==, 0);
  g_assert_cmpuint (kontor_format_days_since (today), ==, 0);
  g_assert_cmpuint (kontor_format_days_since (today - 1), ==, 1);
  g_assert_cmpuint (kontor_format_days_since (today - 86400), ==, 1);
  g_assert_cmpuint (kontor_format_days_since (today - 86401), ==, 2);
  g_assert_cmpuint (kontor_format_days_since (today + 7 * 86400), ==, 0);
}

/* With nothing changed in the store, time makes a card stale: the board
 * looks at the clock and shows it, on the card and in the header */
static void
test_time_makes_stale (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorBoardColumn *column = column_of (fixture, "contacted");
  g_autoptr(KontorPipelineStatus) status = NULL;
  g_autoptr(KontorContact) contact = g_list_model_get_item (column_list (column), 0);
  g_autofree char *id = g_strdup (kontor_record_get_id (KONTOR_RECORD (contact)));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  KontorBoardCard *card;
  guint before;

  /* 10 days in the column, less 4 seconds, no activity since; stale after
   * 10 days */
  g_assert_cmpint (kontor_contact_get_last_activity_at (contact), <, now - 10 * 86400);
  kontor_contact_set_pipeline_entered_at (contact, now - 10 * 86400 + 4);
  kontor_test_save (fixture->base.store, contact);
  status = KONTOR_PIPELINE_STATUS (kontor_record_copy (
    KONTOR_RECORD (kontor_board_column_get_status (column))));
  kontor_pipeline_status_set_stale_days (status, 10);
  kontor_test_save (fixture->base.store, status);
  g_assert_true (kontor_test_iterate_until (column_waits_10_days, fixture, KONTOR_TEST_TIMEOUT));

  column = column_of (fixture, "contacted");
  card = wait_for_card (column, id);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card), "stale"));
  {
    g_autofree char *stale_sql = g_strdup_printf ("max (last_activity_at, pipeline_entered_at) < %"
                                                  G_GINT64_FORMAT, now - 10 * 86400);

    before = count_column (fixture, column, stale_sql);
  }
  assert_alert_becomes (fixture, "contacted", "stale", before);

  /* 5 seconds later, the board's clock ticks */
  g_usleep (5 * G_USEC_PER_SEC);
  _kontor_board_column_time_passed (column);
  g_assert_true (kontor_test_iterate_until (card_is_stale, card, KONTOR_TEST_TIMEOUT));
  assert_alert_becomes (fixture, "contacted", "stale", before + 1);
}

/* The view not shown waits for changes and catches up when shown */
static void
test_view_switch (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *table_widget = GTK_WIDGET (kontor_contacts_view_get_table (fixture->view));
  KontorRecordList *table = kontor_contacts_view_get_list (fixture->view);
  KontorBoardColumn *first = kontor_board_get_column (fixture->board, 0);
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) other = kontor_contact_new ();
  g_autofree char *stored = NULL;
  guint n_first = g_list_model_get_n_items (column_list (first));

  /* a contact made while the board is shown: the table's list waits (and
   * has not even run its first query) */
  g_assert_true (kontor_record_list_get_paused (table));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, 0);
  kontor_contact_set_last_name (contact, "Zwischenzeit");
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_test_save (fixture->base.store, contact);
  g_assert_cmpuint (g_list_model_get_n_items (column_list (first)), ==, n_first + 1);
  g_assert_cmpuint (kontor_record_list_find (table, kontor_record_get_id (KONTOR_RECORD (contact))),
                    ==, G_MAXUINT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "settings.contacts-view",
                                             "s", "table"));
  stored = g_settings_get_string (fixture->settings, "contacts-view");
  g_assert_cmpstr (stored, ==, "table");
  kontor_test_settle (100);
  g_assert_true (gtk_widget_get_mapped (table_widget));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture->board)));
  g_assert_false (kontor_record_list_get_paused (table));
  g_assert_cmpuint (kontor_record_list_find (table, kontor_record_get_id (KONTOR_RECORD (contact))),
                    !=, G_MAXUINT);

  /* now the board's columns wait */
  kontor_contact_set_last_name (other, "Nachzügler");
  kontor_contact_set_status (other, KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_test_save (fixture->base.store, other);
  g_assert_cmpuint (kontor_record_list_find (table, kontor_record_get_id (KONTOR_RECORD (other))),
                    !=, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (column_list (first)), ==, n_first + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "settings.contacts-view",
                                             "s", "board"));
  kontor_test_settle (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->board)));
  g_assert_cmpuint (g_list_model_get_n_items (column_list (first)), ==, n_first + 2);
  g_assert_true (kontor_record_list_get_paused (table));
}

/* Records a done activity of @kind on @contact, @days_ago */
static KontorActivity *
record_activity (Fixture            *fixture,
                 KontorContact      *contact,
                 KontorActivityKind  kind,
                 guint               days_ago)
{
  KontorActivity *activity = kontor_activity_new (kind, KONTOR_RECORD (contact));

  kontor_activity_set_starts_at (activity, g_get_real_time () / G_USEC_PER_SEC -
                                           days_ago * 86400);
  kontor_test_save (fixture->base.store, activity);

  return activity;
}

/* Deletes @contact's activities, as the demo team may have some */
static void
clear_activities (Fixture       *fixture,
                  KontorContact *contact)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;

  activities = kontor_store_list_activities (fixture->base.store, KONTOR_RECORD (contact),
                                             KONTOR_ACTIVITY_LIST_OWN, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < activities->len; i++)
    {
      g_assert_true (kontor_store_delete (fixture->base.store,
                                          g_ptr_array_index (activities, i), &error));
      g_assert_no_error (error);
    }
}

/* A card's accessible description: what the test backend has that is
 * not the value asked for */
static char *
dup_description (KontorBoardCard *card)
{
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (card),
                                             GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "\x01");
}

typedef struct
{
  KontorBoardColumn *column;
  const char        *id;
  const char        *says;   /* NULL: no done activities */
} DoneWait;

/* Whether the card of a contact says which activities are done, as
 * wait->says, the whole list */
static gboolean
card_says_done (gpointer data)
{
  DoneWait *wait = data;
  KontorBoardCard *card = kontor_board_column_find_card (wait->column, wait->id);
  g_autofree char *description = card != NULL ? dup_description (card) : NULL;
  const char *found = description != NULL ? strstr (description, "Activities done: ") : NULL;
  gsize length = wait->says != NULL ? strlen (wait->says) : 0;

  if (card == NULL || description == NULL)
    return FALSE;
  if (wait->says == NULL)
    return found == NULL;

  return found != NULL && strncmp (found, wait->says, length) == 0 &&
         (found[length] == '\0' || found[length] == ';');
}

static void
wait_for_done (KontorBoardColumn *column,
               const char        *contact_id,
               const char        *says)
{
  DoneWait wait = { column, contact_id, says };

  g_assert_true (kontor_test_iterate_until (card_says_done, &wait, KONTOR_TEST_TIMEOUT));
}

/* Which kinds' bubbles a card shows, drawn or full: their dots, and
 * their counts */
static void
get_done_shown (KontorBoardCard *card,
                guint           *dots,
                guint           *counts)
{
  gboolean full = gtk_widget_get_first_child (GTK_WIDGET (card)) != NULL;

  *dots = *counts = 0;
  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    {
      for (guint j = 0; j < 2; j++)
        {
          int part = (j == 0 ? KONTOR_CARD_PART_DONE_DOT : KONTOR_CARD_PART_DONE_COUNT) + kind;
          graphene_rect_t place;
          gboolean shown;

          if (full)
            {
              shown = gtk_widget_get_visible (_kontor_board_card_get_part (card, part));
            }
          else
            {
              _kontor_board_card_get_drawn_place (card, part, &place);
              shown = place.size.width > 0;
            }
          if (shown)
            *(j == 0 ? dots : counts) |= 1u << kind;
        }
    }
}

#define KIND_BIT(kind) (1u << KONTOR_ACTIVITY_KIND_##kind)

/* A card is one widget that draws itself until it is needed, exactly as
 * high as the full card it becomes, whatever lines it shows, and with each
 * text, mark and icon where the full card has it: the cards of every
 * column, among them new, stale and overdue ones, ones with a due date and
 * ones with done activities as bubbles (feature P3) */
static void
test_drawn_cards (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorBoardColumn *column = kontor_board_get_column (fixture->board, 0);
  g_autofree char *id = dup_item_id (column, 0);
  g_autofree char *second_id = dup_item_id (column, 1);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(KontorContact) first = g_list_model_get_item (column_list (column), 0);
  g_autoptr(KontorContact) second = g_list_model_get_item (column_list (column), 1);
  guint n_new = 0, n_stale = 0, n_due = 0, n_overdue = 0, n_done = 0;
  guint compared;

  /* bubbles: two kinds, one with a number; and one of every kind */
  clear_activities (fixture, first);
  clear_activities (fixture, second);
  g_object_unref (record_activity (fixture, first, KONTOR_ACTIVITY_KIND_CALL, 2));
  g_object_unref (record_activity (fixture, first, KONTOR_ACTIVITY_KIND_CALL, 3));
  g_object_unref (record_activity (fixture, first, KONTOR_ACTIVITY_KIND_NOTE, 2));
  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    {
      g_autoptr(KontorActivity) activity = record_activity (fixture, second, kind, 1 + kind);

      /* a task is done when ticked off */
      if (kind == KONTOR_ACTIVITY_KIND_TASK)
        {
          kontor_activity_set_done (activity, TRUE);
          kontor_activity_set_done_at (activity, g_get_real_time () / G_USEC_PER_SEC);
          kontor_test_save (fixture->base.store, activity);
        }
    }
  wait_for_done (column, id, "Activities done: 2 phone calls, 1 note");
  wait_for_done (column, second_id, "Activities done: 1 task, 1 e-mail, 1 lunch, 1 meeting, "
                                    "1 phone call, 1 video call, 1 note");

  wait_for_card (column, id);
  kontor_test_settle (300);
  kontor_test_collect_cards (GTK_WIDGET (fixture->board), cards);
  g_assert_cmpuint (cards->len, >, 1);
  compared = kontor_test_assert_drawn_as_full (cards);
  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (cards, i);
      GtkWidget *due = _kontor_board_card_get_part (KONTOR_BOARD_CARD (card),
                                                    KONTOR_CARD_PART_DUE);
      GtkWidget *due_box = _kontor_board_card_get_part (KONTOR_BOARD_CARD (card),
                                                        KONTOR_CARD_PART_DUE_BOX);
      const char *contact_id;
      guint dots, counts;

      n_new += gtk_widget_has_css_class (card, "new");
      n_stale += gtk_widget_has_css_class (card, "stale");
      n_due += gtk_widget_get_visible (due);
      n_overdue += gtk_widget_has_css_class (due_box, "overdue");
      get_done_shown (KONTOR_BOARD_CARD (card), &dots, &counts);
      n_done += dots != 0;
      contact_id = kontor_record_get_id (KONTOR_RECORD (kontor_board_card_get_contact (
        KONTOR_BOARD_CARD (card))));
      if (g_str_equal (contact_id, id))
        {
          g_assert_cmpuint (dots, ==, KIND_BIT (CALL) | KIND_BIT (NOTE));
          g_assert_cmpuint (counts, ==, KIND_BIT (CALL));
        }
      else if (g_str_equal (contact_id, second_id))
        {
          g_assert_cmpuint (dots, ==, (1u << KONTOR_ACTIVITY_N_KINDS) - 1);
          g_assert_cmpuint (counts, ==, 0);
        }
    }
  /* names, texts and icons of every card */
  g_assert_cmpuint (compared, >=, 4 * cards->len);
  g_assert_cmpuint (n_new, >, 0);
  g_assert_cmpuint (n_stale, >, 0);
  g_assert_cmpuint (n_due, >, 0);
  g_assert_cmpuint (n_overdue, >, 0);
  g_assert_cmpuint (n_done, >=, 2);
}

/* Feature P3: a card shows its contact's done activities as bubbles, one
 * for each kind done, in the kind's colour, with the number when more
 * than one, and says them in its description; an open task does not
 * count. The bubbles follow what is recorded, deleted and undone, also
 * when the contact's last activity stays. */
static void
test_done_bubbles (Fixture       *fixture,
                   gconstpointer  data)
{
  KontorBoardColumn *column = kontor_board_get_column (fixture->board, 0);
  KontorOperationStack *operations = kontor_context_get_operations (fixture->context);
  g_autofree char *id = dup_item_id (column, 0);
  KontorBoardCard *card = wait_for_card (column, id);
  g_autoptr(KontorContact) contact = g_list_model_get_item (column_list (column), 0);
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(KontorActivity) old_call = NULL;
  g_autoptr(KontorActivity) note = NULL;
  g_autoptr(KontorActivity) email = NULL;
  g_autoptr(KontorActivity) task = NULL;
  g_autoptr(KontorActivity) video_call = NULL;
  g_autoptr(KontorRecordWrite) write = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 last_activity;
  GtkWidget *widget;
  guint dots, counts;

  /* none */
  clear_activities (fixture, contact);
  wait_for_done (column, id, NULL);
  card = kontor_board_column_find_card (column, id);
  get_done_shown (card, &dots, &counts);
  g_assert_cmpuint (dots, ==, 0);

  call = record_activity (fixture, contact, KONTOR_ACTIVITY_KIND_CALL, 1);
  old_call = record_activity (fixture, contact, KONTOR_ACTIVITY_KIND_CALL, 5);
  note = record_activity (fixture, contact, KONTOR_ACTIVITY_KIND_NOTE, 3);
  task = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK, KONTOR_RECORD (contact));
  kontor_activity_set_due_on (task, "2030-01-01");
  kontor_test_save (fixture->base.store, task);
  wait_for_done (column, id, "Activities done: 2 phone calls, 1 note");
  card = kontor_board_column_find_card (column, id);
  get_done_shown (card, &dots, &counts);
  g_assert_cmpuint (dots, ==, KIND_BIT (CALL) | KIND_BIT (NOTE));
  g_assert_cmpuint (counts, ==, KIND_BIT (CALL));
  g_assert_true (_kontor_board_card_shows_text (card, "2"));
  last_activity = kontor_contact_get_last_activity_at (contact);

  /* an older e-mail, and the older call deleted: the last activity stays,
   * the bubbles follow */
  email = record_activity (fixture, contact, KONTOR_ACTIVITY_KIND_EMAIL, 10);
  wait_for_done (column, id, "Activities done: 1 e-mail, 2 phone calls, 1 note");
  g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (old_call), &error));
  g_assert_no_error (error);
  wait_for_done (column, id, "Activities done: 1 e-mail, 1 phone call, 1 note");
  g_assert_cmpint (kontor_contact_get_last_activity_at (contact), ==, last_activity);
  card = kontor_board_column_find_card (column, id);
  get_done_shown (card, &dots, &counts);
  g_assert_cmpuint (dots, ==, KIND_BIT (EMAIL) | KIND_BIT (CALL) | KIND_BIT (NOTE));
  g_assert_cmpuint (counts, ==, 0);

  /* recorded as the activity form records it, and undone */
  video_call = kontor_activity_new (KONTOR_ACTIVITY_KIND_VIDEO_CALL, KONTOR_RECORD (contact));
  kontor_activity_set_starts_at (video_call, g_get_real_time () / G_USEC_PER_SEC - 20 * 86400);
  write = kontor_record_write_new_create (fixture->base.store, KONTOR_RECORD (video_call),
                                          "Video call");
  g_assert_true (kontor_operation_stack_run (operations, KONTOR_OPERATION (write), &error));
  g_assert_no_error (error);
  wait_for_done (column, id, "Activities done: 1 e-mail, 1 phone call, 1 video call, 1 note");
  undo (fixture);
  wait_for_done (column, id, "Activities done: 1 e-mail, 1 phone call, 1 note");

  /* the full card: the same bubbles where the drawn one had them */
  card = kontor_board_column_find_card (column, id);
  wait_for_paint (GTK_WIDGET (card));
  g_ptr_array_add (cards, card);
  g_assert_cmpuint (kontor_test_assert_drawn_as_full (cards), >, 0);
  get_done_shown (card, &dots, &counts);
  g_assert_cmpuint (dots, ==, KIND_BIT (EMAIL) | KIND_BIT (CALL) | KIND_BIT (NOTE));
  g_assert_cmpuint (counts, ==, 0);
  widget = _kontor_board_card_get_part (card, KONTOR_CARD_PART_DONE_DOT +
                                              KONTOR_ACTIVITY_KIND_CALL);
  g_assert_true (gtk_widget_has_css_class (widget, "call"));

  /* and it follows too: a second note has a number */
  g_clear_object (&note);
  note = record_activity (fixture, contact, KONTOR_ACTIVITY_KIND_NOTE, 30);
  wait_for_done (column, id, "Activities done: 1 e-mail, 1 phone call, 2 notes");
  widget = _kontor_board_card_get_part (card, KONTOR_CARD_PART_DONE_COUNT +
                                              KONTOR_ACTIVITY_KIND_NOTE);
  g_assert_true (gtk_widget_get_visible (widget));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (widget)), ==, "2");
}

/* A card draws its avatar, due date and icons until the focus or the
 * pointer comes to it; then they are buttons, and the card's name and
 * description stay what they were. */
static void
test_card_buttons_on_demand (Fixture       *fixture,
                             gconstpointer  data)
{
  KontorBoardColumn *column = kontor_board_get_column (fixture->board, 0);
  g_autofree char *id = dup_item_id (column, 0);
  KontorBoardCard *card = wait_for_card (column, id);
  g_autofree char *name = NULL;
  g_autofree char *column_name = NULL;
  g_autofree char *label = NULL;
  GtkWidget *move;

  name = kontor_record_dup_display_name (KONTOR_RECORD (kontor_board_card_get_contact (card)));
  column_name = kontor_record_dup_display_name (KONTOR_RECORD (
    kontor_board_column_get_status (column)));
  label = g_strdup_printf ("%s, %s", name, column_name);
  g_assert_null (kontor_test_find_widget (GTK_WIDGET (card), GTK_TYPE_BUTTON));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       label);

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (card)));
  move = find_menu_button (GTK_WIDGET (card), "go-jump-symbolic");
  g_assert_nonnull (move);
  g_assert_true (gtk_widget_get_ancestor (move, KONTOR_TYPE_BOARD_CARD) == GTK_WIDGET (card));
  /* the avatar's button comes first, the due date's has no icon either */
  g_assert_nonnull (find_menu_button (GTK_WIDGET (card), NULL));
  g_assert_nonnull (kontor_test_find_widget (GTK_WIDGET (card), KONTOR_TYPE_DATE_BUTTON));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       label);

  /* Tab goes from the card into its buttons */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (card), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (card)));
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorBoardColumn *column = kontor_board_get_column (fixture->board, 0);
  g_autofree char *id = dup_item_id (column, 0);
  KontorBoardCard *card = wait_for_card (column, id);
  GtkMenuButton *assign = GTK_MENU_BUTTON (find_menu_button (GTK_WIDGET (card), NULL));

  /* the popovers made on first use too */
  gtk_menu_button_popup (assign);
  gtk_menu_button_popdown (assign);

  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.TestBoard");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/board/columns-and-counts", test_columns_and_counts);
  ADD ("/ui/board/counts-follow-search", test_counts_follow_search);
  ADD ("/ui/board/restricted-statuses", test_restricted_statuses);
  ADD ("/ui/board/drag-to-other-column", test_drag_to_other_column);
  ADD ("/ui/board/reorder-within-column", test_reorder_within_column);
  ADD ("/ui/board/keyboard-move", test_keyboard_move);
  ADD ("/ui/board/keyboard-focus", test_keyboard_focus);
  ADD ("/ui/board/move-to-menu", test_move_to_menu);
  ADD ("/ui/board/card-outside-window", test_card_outside_window);
  ADD ("/ui/board/redo-after-undo", test_redo_after_undo);
  ADD ("/ui/board/toast-names-change", test_toast_names_change);
  ADD ("/ui/board/card-delete", test_card_delete);
  ADD ("/ui/board/viewer-cannot-move", test_viewer_cannot_move);
  ADD ("/ui/board/column-menu", test_column_menu);
  ADD ("/ui/board/settings", test_board_settings);
  ADD ("/ui/board/assign-and-due-date", test_assign_and_due_date);
  ADD ("/ui/board/open-keeps-scroll", test_open_keeps_scroll);
  ADD ("/ui/board/cards-as-scrolled", test_cards_as_scrolled);
  ADD ("/ui/board/drag-scrolls", test_drag_scrolls);
  ADD ("/ui/board/drawn-cards", test_drawn_cards);
  ADD ("/ui/board/done-bubbles", test_done_bubbles);
  ADD ("/ui/board/stale-and-overdue", test_stale_and_overdue);
  ADD ("/ui/board/time-makes-stale", test_time_makes_stale);
  g_test_add_func ("/ui/board/days-since", test_days_since);
  ADD ("/ui/board/view-switch", test_view_switch);
  ADD ("/ui/board/card-buttons-on-demand", test_card_buttons_on_demand);
  ADD ("/ui/board/accessible-names", test_accessible_names);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
