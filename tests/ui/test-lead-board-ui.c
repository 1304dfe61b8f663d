/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-lead-board-ui"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kontor-board-card-face.h"
#include "kontor-board-card.h"
#include "kontor-board-column-private.h"
#include "kontor-board-column.h"
#include "kontor-board-private.h"
#include "kontor-board.h"
#include "kontor-lead-entry-dialog.h"
#include "kontor-lead-project-page.h"
#include "kontor-lead-sidebar.h"
#include "kontor-lead-status-change.h"
#include "kontor-money.h"
#include "kontor-shot.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-user.h"
#include "kontor-window.h"

/* A lead project's board on its page (issue 15, src/README.md "The
 * board", "The Leadmanager in the window") as a person meets it, in the
 * run's language: the page's "Board" toggle by Space shows a column per
 * status in order with the leads as cards in rank order, each with its
 * value in the locale's money, each header with its count and the sum of
 * its values per currency, all following the page's search; a card
 * moved by Shift+Alt+→ writes the entry and not the contact, keeps the
 * focus and is taken back by Ctrl+Z; a drop lands between the cards it
 * falls between; the column menu's limit marks a column holding more,
 * renames, adds and deletes statuses (one undo step each) and says why
 * a status with leads or the first one cannot go; Return on a card opens
 * the lead's dialog. Screenshots of the board with a column over its
 * limit, light and dark. */

static AdwApplication *app;
/* the store of the test running, for the waits that read it */
static KontorStore *current_store;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorUser         *seller;
  KontorLeadProject  *project;
  KontorLeadStatus   *first;       /* "Neu": empty */
  KontorLeadStatus   *meeting;     /* "Termin": Anna, Jürgen, Clara */
  KontorLeadStatus   *offer;       /* "Angebot": David */
  KontorLeadStatus   *won;
  KontorLeadStatus   *lost;
  KontorContact      *anna;
  KontorContact      *juergen;
  KontorContact      *clara;
  KontorContact      *david;
  KontorLeadEntry    *anna_entry;
  KontorLeadEntry    *juergen_entry;
  KontorLeadEntry    *clara_entry;
  KontorLeadEntry    *david_entry;
} Fixture;

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

static KontorContact *
add_contact (Fixture    *fixture,
             const char *first,
             const char *last,
             const char *company_id)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);
  kontor_contact_set_company_id (contact, company_id);
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_test_save (fixture->base.store, contact);

  return contact;
}

static KontorLeadEntry *
add_entry (Fixture          *fixture,
           KontorContact    *contact,
           KontorLeadStatus *status,
           gint64            cents,
           const char       *currency)
{
  KontorLeadEntry *entry = kontor_lead_entry_new (id_of (fixture->project), id_of (contact),
                                                  id_of (status));

  kontor_lead_entry_set_value_cents (entry, cents);
  if (currency != NULL)
    kontor_lead_entry_set_currency (entry, currency);
  kontor_lead_entry_set_assignee_id (entry, id_of (fixture->seller));
  kontor_test_save (fixture->base.store, entry);

  return entry;
}

static KontorLeadStatus *
find_status (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = kontor_store_list_lead_statuses (fixture->base.store,
                                                                   id_of (fixture->project),
                                                                   &error);

  g_assert_no_error (error);
  for (guint i = 0; i < statuses->len; i++)
    {
      KontorLeadStatus *status = g_ptr_array_index (statuses, i);

      if (g_str_equal (kontor_lead_status_get_name (status), name))
        return g_object_ref (status);
    }

  return NULL;
}

/* a label whose text is @data */
static gboolean
label_says (GtkWidget  *widget,
            const void *data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static KontorLeadProjectPage *
find_page (Fixture *fixture)
{
  return KONTOR_LEAD_PROJECT_PAGE (kontor_test_find_widget (GTK_WIDGET (fixture->window),
                                                            KONTOR_TYPE_LEAD_PROJECT_PAGE));
}

static gboolean
page_shown (gpointer data)
{
  KontorLeadProjectPage *page = find_page (data);

  return page != NULL && gtk_widget_get_mapped (GTK_WIDGET (page)) &&
         kontor_lead_project_page_get_project_id (page) != NULL;
}

/* A project "Messe 2027" with the statuses Neu, Termin, Angebot,
 * Gewonnen, Verloren; three leads in "Termin" (two in euros, one in
 * dollars) and one in "Angebot"; its page shown as a list */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorCompany) bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KontorLeadStatusChange) change = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  kontor_store_fixture_set_up (&fixture->base, data);
  current_store = fixture->base.store;
  fixture->seller = kontor_user_new ("anna", "Anna Weber", KONTOR_USER_ROLE_SALES);
  kontor_test_save (fixture->base.store, fixture->seller);
  kontor_test_save (fixture->base.store, bakery);

  fixture->project = kontor_lead_project_new ("Messe 2027");
  g_assert_true (kontor_store_create_lead_project (fixture->base.store, fixture->project, &error));
  g_assert_no_error (error);
  statuses = kontor_store_list_lead_statuses (fixture->base.store, id_of (fixture->project),
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, ==, 3);
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 0)));
  g_ptr_array_add (wanted, kontor_lead_status_new (id_of (fixture->project), "Termin", 1));
  g_ptr_array_add (wanted, kontor_lead_status_new (id_of (fixture->project), "Angebot", 2));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 1)));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 2)));
  change = kontor_lead_status_change_new (fixture->base.store, id_of (fixture->project), wanted,
                                          "Added");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  fixture->first = g_object_ref (g_ptr_array_index (statuses, 0));
  fixture->won = g_object_ref (g_ptr_array_index (statuses, 1));
  fixture->lost = g_object_ref (g_ptr_array_index (statuses, 2));
  fixture->meeting = find_status (fixture, "Termin");
  fixture->offer = find_status (fixture, "Angebot");
  g_assert_nonnull (fixture->meeting);
  g_assert_nonnull (fixture->offer);

  fixture->anna = add_contact (fixture, "Anna", "Schneider", id_of (bakery));
  fixture->juergen = add_contact (fixture, "Jürgen", "Weiß", NULL);
  fixture->clara = add_contact (fixture, "Clara", "Becker", NULL);
  fixture->david = add_contact (fixture, "David", "Müller", NULL);
  /* each at the end of its column: Anna, Jürgen, Clara */
  fixture->anna_entry = add_entry (fixture, fixture->anna, fixture->meeting, 123450, NULL);
  fixture->juergen_entry = add_entry (fixture, fixture->juergen, fixture->meeting, 99900, NULL);
  fixture->clara_entry = add_entry (fixture, fixture->clara, fixture->meeting, 50000, "USD");
  fixture->david_entry = add_entry (fixture, fixture->david, fixture->offer, 2000000, NULL);

  fixture->settings = g_settings_new (APP_ID);
  /* the memory backend keeps what an earlier test set */
  g_settings_reset (fixture->settings, "lead-project-view");
  g_settings_reset (fixture->settings, "workspace-section");
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1200, 800);

  row = gtk_widget_get_ancestor (kontor_test_find_matching (
                                   kontor_test_find_widget (GTK_WIDGET (fixture->window),
                                                            KONTOR_TYPE_LEAD_SIDEBAR),
                                   label_says, "Messe 2027"),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_true (kontor_test_iterate_until (page_shown, fixture, KONTOR_TEST_TIMEOUT));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_close_message_dialogs ();
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (KONTOR_IS_LEAD_ENTRY_DIALOG (l->data))
      gtk_window_destroy (l->data);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->seller);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->first);
  g_clear_object (&fixture->meeting);
  g_clear_object (&fixture->offer);
  g_clear_object (&fixture->won);
  g_clear_object (&fixture->lost);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->juergen);
  g_clear_object (&fixture->clara);
  g_clear_object (&fixture->david);
  g_clear_object (&fixture->anna_entry);
  g_clear_object (&fixture->juergen_entry);
  g_clear_object (&fixture->clara_entry);
  g_clear_object (&fixture->david_entry);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

/* ------------------------------------------------------------------------ */
/* The board and its parts */

static KontorBoard *
find_board (Fixture *fixture)
{
  return KONTOR_BOARD (kontor_test_find_widget (GTK_WIDGET (find_page (fixture)),
                                                KONTOR_TYPE_BOARD));
}

static gboolean
board_shown (gpointer data)
{
  KontorBoard *board = find_board (data);

  return board != NULL && gtk_widget_get_mapped (GTK_WIDGET (board)) &&
         kontor_board_get_n_columns (board) > 0;
}

static GListModel *
column_list (KontorBoardColumn *column)
{
  return G_LIST_MODEL (kontor_board_column_get_list (column));
}

static KontorBoardColumn *
column_of (Fixture          *fixture,
           KontorLeadStatus *status)
{
  KontorBoardColumn *column = kontor_board_find_column (find_board (fixture), id_of (status));

  g_assert_nonnull (column);

  return column;
}

/* The board shown by the page's action (the test of the toggle itself
 * presses it) and its columns filled */
static KontorBoard *
show_board (Fixture *fixture)
{
  KontorBoard *board;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_page (fixture)),
                                             "lead-project.view", "s", "board"));
  g_assert_true (kontor_test_iterate_until (board_shown, fixture, KONTOR_TEST_TIMEOUT));
  board = find_board (fixture);
  kontor_test_wait_n_items (column_list (column_of (fixture, fixture->meeting)), 3);
  kontor_test_wait_n_items (column_list (column_of (fixture, fixture->offer)), 1);

  return board;
}

/* The ids of the contacts a column lists, in its order, joined by "," */
static char *
dup_column_ids (KontorBoardColumn *column)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (column_list (column)); i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (column_list (column), i);

      if (ids->len > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, id_of (contact));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* The contacts of a status's entries in the store's rank order, as above */
static char *
dup_stored_order (KontorLeadStatus *status)
{
  sqlite3_stmt *stmt = kontor_test_prepare (current_store,
                                            "SELECT contact_id FROM lead_entry "
                                            "WHERE status_id = ?1 ORDER BY rank",
                                            id_of (status));
  g_autoptr(GString) ids = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (ids->len > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
join_ids (gpointer first,
          ...)
{
  g_autoptr(GString) ids = g_string_new (id_of (first));
  va_list args;
  gpointer record;

  va_start (args, first);
  while ((record = va_arg (args, gpointer)) != NULL)
    {
      g_string_append_c (ids, ',');
      g_string_append (ids, id_of (record));
    }
  va_end (args);

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
dup_text (const char *sql,
          const char *param)
{
  sqlite3_stmt *stmt = kontor_test_prepare (current_store, sql, param);
  char *result = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

static char *
dup_entry_status (KontorLeadEntry *entry)
{
  return dup_text ("SELECT status_id FROM lead_entry WHERE id = ?1", id_of (entry));
}

static char *
dup_entry_rank (KontorLeadEntry *entry)
{
  return dup_text ("SELECT rank FROM lead_entry WHERE id = ?1", id_of (entry));
}

/* What a move must not touch: the contact's row */
static char *
dup_contact_row (KontorContact *contact)
{
  return dup_text ("SELECT rev || '|' || updated_at || '|' || "
                   "ifnull (pipeline_status_id, '') || '|' || ifnull (rank, '') "
                   "FROM contact WHERE id = ?1", id_of (contact));
}

typedef struct
{
  KontorLeadEntry *entry;
  const char      *status_id;
} StatusWait;

static gboolean
entry_status_is (gpointer data)
{
  StatusWait *wait = data;
  g_autofree char *status_id = dup_entry_status (wait->entry);

  return g_strcmp0 (status_id, wait->status_id) == 0;
}

static void
wait_entry_status (KontorLeadEntry  *entry,
                   KontorLeadStatus *status)
{
  StatusWait wait = { entry, id_of (status) };

  g_assert_true (kontor_test_iterate_until (entry_status_is, &wait, KONTOR_TEST_TIMEOUT));
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

  return card != NULL && gtk_widget_get_mapped (GTK_WIDGET (card)) &&
         gtk_widget_get_height (GTK_WIDGET (card)) > 0;
}

static KontorBoardCard *
wait_for_card (KontorBoardColumn *column,
               KontorContact     *contact)
{
  CardWait wait = { column, id_of (contact) };

  g_assert_true (kontor_test_iterate_until (card_is_shown, &wait, KONTOR_TEST_TIMEOUT));

  return kontor_board_column_find_card (column, id_of (contact));
}

typedef struct
{
  GtkWidget  *root;
  const char *contact_id;
  const char *status_id;
} FocusWait;

static gboolean
focus_is_on_card (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (wait->root));
  GtkWidget *column;
  KontorContact *contact;

  if (!KONTOR_IS_BOARD_CARD (focus))
    return FALSE;

  contact = kontor_board_card_get_contact (KONTOR_BOARD_CARD (focus));
  column = gtk_widget_get_ancestor (focus, KONTOR_TYPE_BOARD_COLUMN);

  return contact != NULL && column != NULL &&
         g_strcmp0 (id_of (contact), wait->contact_id) == 0 &&
         g_strcmp0 (kontor_board_column_get_status_id (KONTOR_BOARD_COLUMN (column)),
                    wait->status_id) == 0;
}

typedef struct
{
  GtkLabel   *label;
  const char *text;
} LabelWait;

static gboolean
label_is (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (gtk_label_get_label (wait->label), wait->text) == 0;
}

static void
wait_label (GtkLabel   *label,
            const char *text)
{
  LabelWait wait = { label, text };

  if (!kontor_test_iterate_until (label_is, &wait, KONTOR_TEST_TIMEOUT))
    g_error ("“%s” should say “%s”", gtk_label_get_label (label), text);
}

/* The header's sum: @first, and @second after it when given */
static void
wait_sum (KontorBoardColumn *column,
          const char        *first,
          const char        *second)
{
  g_autofree char *text = second != NULL ? g_strjoin (_(", "), first, second, NULL)
                                         : g_strdup (first);

  wait_label (column->sum_label, text);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (column->sum_label)));
}

static void
wait_count (KontorBoardColumn *column,
            const char        *text)
{
  wait_label (column->count_label, text);
}

/* a button of the page's view switcher with the target @data */
static gboolean
is_view_toggle (GtkWidget  *widget,
                const void *data)
{
  GVariant *target;

  if (!GTK_IS_ACTIONABLE (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                 "lead-project.view") != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

  return target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
         g_str_equal (g_variant_get_string (target, NULL), data);
}

/* the button of a toast (AdwToastWidget is private) labelled @data */
static gboolean
is_toast_button (GtkWidget  *widget,
                 const void *data)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");

  return GTK_IS_BUTTON (widget) && toast_type != 0 &&
         gtk_widget_get_ancestor (widget, toast_type) != NULL &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* a menu button showing the icon @data */
static gboolean
is_icon_button (GtkWidget  *widget,
                const void *data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), data) == 0;
}

/* an item of a popover menu (GtkModelButton, private to GTK) labelled
 * @data, which the menu shows without its mnemonic's underscore */
static gboolean
is_menu_item (GtkWidget  *widget,
              const void *data)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = g_strsplit (data, "_", -1);
  g_autofree char *shown = g_strjoinv ("", parts);

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    return FALSE;
  g_object_get (widget, "text", &text, NULL);

  return g_strcmp0 (text, shown) == 0;
}

static GtkWidget *
find_menu_item (GtkMenuButton *button,
                const char    *label)
{
  return kontor_test_find_matching (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                    is_menu_item, label);
}

static void
shoot (GtkWidget  *widget,
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

static gboolean
keys_or_skip (void)
{
  if (kontor_test_keys_can_be_sent ())
    return TRUE;
  g_test_skip ("xdotool is needed to send keys");
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Tests */

/* The toggle by Space; a column per status in order, the cards in rank
 * order with their values, the headers' counts and sums, the search */
static void
test_columns (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *anna_money = kontor_money_format (123450, "EUR");
  g_autofree char *clara_money = kontor_money_format (50000, "USD");
  g_autofree char *euros = kontor_money_format (123450 + 99900, "EUR");
  g_autofree char *david_money = kontor_money_format (2000000, "EUR");
  g_autofree char *no_money = kontor_money_format (0, "EUR");
  KontorBoardColumn *meeting, *offer;
  KontorBoardCard *card;
  GtkWidget *toggle, *search;
  KontorBoard *board;

  if (!keys_or_skip ())
    return;

  /* the header's "Board" by the keyboard */
  toggle = kontor_test_find_matching (GTK_WIDGET (find_page (fixture)), is_view_toggle, "board");
  g_assert_nonnull (toggle);
  g_assert_null (find_board (fixture));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  g_assert_true (gtk_widget_grab_focus (toggle));
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (board_shown, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "lead-project-view"), ==, "board");
  board = find_board (fixture);
  g_assert_true (kontor_board_get_lead_project (board) != NULL);

  /* every status, in the project's order */
  statuses = kontor_store_list_lead_statuses (fixture->base.store, id_of (fixture->project),
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, ==, 5);
  g_assert_cmpuint (kontor_board_get_n_columns (board), ==, statuses->len);
  for (guint i = 0; i < statuses->len; i++)
    g_assert_cmpstr (kontor_board_column_get_status_id (kontor_board_get_column (board, i)), ==,
                     id_of (g_ptr_array_index (statuses, i)));
  g_assert_cmpstr (kontor_lead_status_get_name (g_ptr_array_index (statuses, 1)), ==, "Termin");
  g_assert_cmpstr (kontor_lead_status_get_name (g_ptr_array_index (statuses, 2)), ==, "Angebot");

  /* the cards in the entries' rank order */
  meeting = column_of (fixture, fixture->meeting);
  offer = column_of (fixture, fixture->offer);
  kontor_test_wait_n_items (column_list (meeting), 3);
  order = dup_column_ids (meeting);
  stored = dup_stored_order (fixture->meeting);
  expected = join_ids (fixture->anna, fixture->juergen, fixture->clara, NULL);
  g_assert_cmpstr (order, ==, expected);
  g_assert_cmpstr (stored, ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (column_list (column_of (fixture, fixture->first))),
                    ==, 0);

  /* a card's value in the locale's money ("1.234,50 €" in German) */
  card = wait_for_card (meeting, fixture->anna);
  g_assert_true (_kontor_board_card_shows_text (card, anna_money));
  card = wait_for_card (meeting, fixture->clara);
  g_assert_true (_kontor_board_card_shows_text (card, clara_money));

  /* the headers: the count, the sum per currency */
  wait_count (meeting, "3");
  wait_sum (meeting, euros, clara_money);
  wait_count (offer, "1");
  wait_sum (offer, david_money, NULL);
  wait_sum (column_of (fixture, fixture->first), no_money, NULL);
  kontor_test_assert_accessible (GTK_WIDGET (board));
  kontor_test_settle (300);
  shoot (GTK_WIDGET (fixture->window), "lead-board-columns.png");

  /* the page's search narrows the cards and the sums: the company's name */
  search = kontor_test_find_widget (GTK_WIDGET (find_page (fixture)), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  g_assert_true (gtk_widget_get_visible (search));
  gtk_widget_grab_focus (search);
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "sonnenschein", NULL });
  kontor_test_wait_n_items (column_list (meeting), 1);
  kontor_test_wait_n_items (column_list (offer), 0);
  wait_count (meeting, "1");
  wait_sum (meeting, anna_money, NULL);
  wait_count (offer, "0");
  wait_sum (offer, no_money, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  kontor_test_wait_n_items (column_list (meeting), 3);
  wait_sum (meeting, euros, clara_money);
}

/* Shift+Alt+→ on a card: the entry moves, the contact stays as it was,
 * the focus goes along, the toast; Ctrl+Z. Then "Move to" of its menu. */
static void
test_move_keys (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *contact_before = dup_contact_row (fixture->juergen);
  g_autofree char *contact_after = NULL;
  g_autofree char *rank_before = dup_entry_rank (fixture->juergen_entry);
  g_autofree char *rank_after = NULL;
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (fixture->juergen));
  g_autofree char *toast = NULL;
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *outbox_sql = NULL;
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GMenuModel) section = NULL;
  KontorBoardColumn *meeting, *offer;
  KontorBoardCard *card;
  GtkMenuButton *move_button = NULL;
  GMenuModel *menu;
  FocusWait focus;
  gint64 seq;

  if (!keys_or_skip ())
    return;

  show_board (fixture);
  meeting = column_of (fixture, fixture->meeting);
  offer = column_of (fixture, fixture->offer);
  card = wait_for_card (meeting, fixture->juergen);
  seq = kontor_test_outbox_last_seq (fixture->base.store);

  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  kontor_test_press ("shift+alt+Right");
  wait_entry_status (fixture->juergen_entry, fixture->offer);
  /* the entry only: the contact's row and its outbox untouched */
  contact_after = dup_contact_row (fixture->juergen);
  g_assert_cmpstr (contact_after, ==, contact_before);
  outbox_sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE client_seq > %"
                                G_GINT64_FORMAT " AND entity_id = ?1", seq);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store, outbox_sql,
                                          id_of (fixture->juergen)), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store, outbox_sql,
                                          id_of (fixture->juergen_entry)), >, 0);
  kontor_test_wait_n_items (column_list (meeting), 2);
  kontor_test_wait_n_items (column_list (offer), 2);
  /* the focus went along to the new column */
  focus = (FocusWait) { GTK_WIDGET (fixture->window), id_of (fixture->juergen),
                        id_of (fixture->offer) };
  g_assert_true (kontor_test_iterate_until (focus_is_on_card, &focus, KONTOR_TEST_TIMEOUT));
  /* the toast says it, with its undo */
  toast = g_strdup_printf (_("“%s” moved to “%s”"), name, "Angebot");
  g_assert_true (kontor_test_shows_toast (GTK_WIDGET (fixture->window), toast));
  g_assert_nonnull (kontor_test_find_matching (GTK_WIDGET (fixture->window), is_toast_button,
                                               _("_Undo")));

  /* Ctrl+Z: back in its place */
  kontor_test_press ("ctrl+z");
  wait_entry_status (fixture->juergen_entry, fixture->meeting);
  rank_after = dup_entry_rank (fixture->juergen_entry);
  g_assert_cmpstr (rank_after, ==, rank_before);
  kontor_test_wait_n_items (column_list (meeting), 3);
  order = dup_column_ids (meeting);
  expected = join_ids (fixture->anna, fixture->juergen, fixture->clara, NULL);
  g_assert_cmpstr (order, ==, expected);
  g_clear_pointer (&contact_after, g_free);
  contact_after = dup_contact_row (fixture->juergen);
  g_assert_cmpstr (contact_after, ==, contact_before);

  /* "Move to" on the card's menu: the project's other statuses */
  card = wait_for_card (meeting, fixture->juergen);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  kontor_test_settle (100);
  move_button = GTK_MENU_BUTTON (kontor_test_find_matching (GTK_WIDGET (card), is_icon_button,
                                                           "go-jump-symbolic"));
  g_assert_nonnull (move_button);
  gtk_menu_button_popup (move_button);
  menu = gtk_menu_button_get_menu_model (move_button);
  g_assert_nonnull (menu);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 4);
  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *label = NULL;

      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s",
                                                      &label));
      if (g_strcmp0 (label, kontor_lead_status_get_name (fixture->won)) == 0)
        {
          g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION,
                                                          "s", &action));
          target = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_TARGET,
                                                          NULL);
        }
    }
  gtk_menu_button_popdown (move_button);
  g_assert_nonnull (action);
  g_assert_nonnull (target);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (card), action, target));
  wait_entry_status (fixture->juergen_entry, fixture->won);
  focus.status_id = id_of (fixture->won);
  g_assert_true (kontor_test_iterate_until (focus_is_on_card, &focus, KONTOR_TEST_TIMEOUT));
  g_clear_pointer (&contact_after, g_free);
  contact_after = dup_contact_row (fixture->juergen);
  g_assert_cmpstr (contact_after, ==, contact_before);
  kontor_test_press ("ctrl+z");
  wait_entry_status (fixture->juergen_entry, fixture->meeting);
}

/* A drop between two cards lands between them in the entries' ranks */
static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *order = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contact_before = dup_contact_row (fixture->david);
  g_autofree char *contact_after = NULL;
  g_autoptr(KontorContact) david = NULL;
  KontorBoardColumn *meeting, *offer;
  FocusWait focus;

  show_board (fixture);
  meeting = column_of (fixture, fixture->meeting);
  offer = column_of (fixture, fixture->offer);
  david = g_list_model_get_item (column_list (offer), 0);
  g_assert_cmpstr (id_of (david), ==, id_of (fixture->david));

  /* between Anna (0) and Jürgen (1) */
  _kontor_board_column_drop (meeting, david, 1);
  wait_entry_status (fixture->david_entry, fixture->meeting);
  kontor_test_wait_n_items (column_list (meeting), 4);
  expected = join_ids (fixture->anna, fixture->david, fixture->juergen, fixture->clara, NULL);
  stored = dup_stored_order (fixture->meeting);
  g_assert_cmpstr (stored, ==, expected);
  order = dup_column_ids (meeting);
  g_assert_cmpstr (order, ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (column_list (offer)), ==, 0);
  contact_after = dup_contact_row (fixture->david);
  g_assert_cmpstr (contact_after, ==, contact_before);
  /* the card dropped has the focus in its new column */
  focus = (FocusWait) { GTK_WIDGET (fixture->window), id_of (fixture->david),
                        id_of (fixture->meeting) };
  g_assert_true (kontor_test_iterate_until (focus_is_on_card, &focus, KONTOR_TEST_TIMEOUT));

  /* within the column: Clara (3) before Anna (0) */
  _kontor_board_column_drop (meeting, fixture->clara, 0);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&stored, g_free);
  expected = join_ids (fixture->clara, fixture->anna, fixture->david, fixture->juergen, NULL);
  stored = dup_stored_order (fixture->meeting);
  g_assert_cmpstr (stored, ==, expected);
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *frame_clock,
            gpointer       user_data)
{
  guint *ticks = user_data;

  (*ticks)++;

  return G_SOURCE_CONTINUE;
}

static gboolean
ticked_thrice (gpointer data)
{
  return *(guint *) data >= 3;
}

/* A tick callback on the board made before its first frame is painted
 * keeps ticking: the board's wait for that frame once took every handler
 * of the board's off the frame clock, GTK's own for its tick callbacks
 * too, so the focus a move gives its card later (a tick callback) could
 * be lost, and GTK warned when the window went. */
static void
test_tick_before_first_frame (Fixture       *fixture,
                              gconstpointer  data)
{
  KontorBoard *board;
  guint ticks = 0;
  guint tick_id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_page (fixture)),
                                             "lead-project.view", "s", "board"));
  board = find_board (fixture);
  g_assert_nonnull (board);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (board)));
  /* no main loop yet: the frame that shows the board is to come */
  g_assert_true (_kontor_board_awaits_frame (board));
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (board), on_tick_cb, &ticks, NULL);
  g_assert_true (kontor_test_iterate_until (ticked_thrice, &ticks, KONTOR_TEST_TIMEOUT));
  g_assert_false (_kontor_board_awaits_frame (board));
  gtk_widget_remove_tick_callback (GTK_WIDGET (board), tick_id);
}

static gint64
stored_limit (KontorLeadStatus *status)
{
  return kontor_test_query_int (current_store, "SELECT wip_limit FROM lead_status WHERE id = ?1",
                                id_of (status));
}

typedef struct
{
  KontorLeadStatus *status;
  gint64            limit;
} LimitWait;

static gboolean
limit_is (gpointer data)
{
  LimitWait *wait = data;

  return stored_limit (wait->status) == wait->limit;
}

/* "Limit of Leads…": 2 typed and Return; the column over it is marked */
static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *count = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *over = NULL;
  g_autofree char *label = NULL;
  g_autofree char *mismatch = NULL;
  KontorBoardColumn *meeting;
  GtkMenuButton *button;
  AdwMessageDialog *dialog;
  LimitWait wait;

  if (!keys_or_skip ())
    return;

  show_board (fixture);
  meeting = column_of (fixture, fixture->meeting);
  wait_count (meeting, "3");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (meeting), "over-limit"));

  /* the column menu offers it */
  button = kontor_board_column_get_menu_button (meeting);
  gtk_menu_button_popup (button);
  g_assert_nonnull (find_menu_item (button, _("_Limit of Leads…")));
  g_assert_true (gtk_widget_get_sensitive (find_menu_item (button, _("_Limit of Leads…"))));
  gtk_menu_button_popdown (button);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (meeting), "column.set-limit", NULL));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  kontor_test_focus_window (GTK_WINDOW (dialog));
  kontor_test_press ("ctrl+a BackSpace");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "2", NULL });
  kontor_test_settle (100);
  kontor_test_press ("Return");
  wait = (LimitWait) { fixture->meeting, 2 };
  g_assert_true (kontor_test_iterate_until (limit_is, &wait, KONTOR_TEST_TIMEOUT));

  /* "3 / 2", marked, and said so */
  meeting = column_of (fixture, fixture->meeting);
  count = g_strdup_printf (_("%'u / %'u"), 3, 2);
  wait_count (meeting, count);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (meeting), "over-limit"));
  counted = g_strdup_printf (ngettext ("%s, %'u lead", "%s, %'u leads", 3), "Termin", 3);
  over = g_strdup_printf (ngettext ("over its limit of %'u lead", "over its limit of %'u leads",
                                    2), 2);
  label = g_strjoin (_(", "), counted, over, NULL);
  mismatch = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (kontor_board_column_get_view (meeting)), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_null (mismatch);
  /* other columns are not */
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (column_of (fixture, fixture->offer)),
                                            "over-limit"));
  kontor_test_settle (300);
  shoot (GTK_WIDGET (fixture->window), "lead-board.png");

  /* Ctrl+Z takes the limit away */
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  gtk_widget_grab_focus (GTK_WIDGET (wait_for_card (meeting, fixture->anna)));
  kontor_test_press ("ctrl+z");
  wait.limit = 0;
  g_assert_true (kontor_test_iterate_until (limit_is, &wait, KONTOR_TEST_TIMEOUT));
  meeting = column_of (fixture, fixture->meeting);
  wait_count (meeting, "3");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (meeting), "over-limit"));
}

static guint
n_statuses (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = kontor_store_list_lead_statuses (fixture->base.store,
                                                                   id_of (fixture->project),
                                                                   &error);

  g_assert_no_error (error);

  return statuses->len;
}

typedef struct
{
  Fixture    *fixture;
  guint       n;
} CountWait;

static gboolean
n_statuses_is (gpointer data)
{
  CountWait *wait = data;

  return n_statuses (wait->fixture) == wait->n;
}

static gboolean
status_named (gpointer data)
{
  CountWait *wait = data;
  g_autoptr(KontorLeadStatus) status = find_status (wait->fixture, "Offerte");

  return (status != NULL) == (wait->n == 1);
}

/* The column menu: rename, add right, delete an empty status, each one
 * undo step; a status with leads and the first are not deleted, and the
 * menu says why */
static void
test_column_menu (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KontorLeadStatus) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *added_id = NULL;
  KontorBoardColumn *column;
  KontorBoard *board;
  GtkMenuButton *button;
  GtkWidget *item;
  CountWait wait = { fixture, 1 };

  if (!keys_or_skip ())
    return;

  board = show_board (fixture);

  /* a status with leads: its delete is off, and the menu says why */
  column = column_of (fixture, fixture->meeting);
  button = kontor_board_column_get_menu_button (column);
  gtk_menu_button_popup (button);
  item = find_menu_item (button, _("_Delete Column"));
  g_assert_nonnull (item);
  g_assert_false (gtk_widget_get_sensitive (item));
  g_assert_false (kontor_lead_status_check_delete (fixture->meeting, 3, &error));
  g_assert_nonnull (kontor_test_find_matching (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                               label_says, error->message));
  g_clear_error (&error);
  gtk_menu_button_popdown (button);
  gtk_widget_activate_action (GTK_WIDGET (column), "column.delete", NULL);
  kontor_test_settle (100);
  g_assert_cmpuint (n_statuses (fixture), ==, 5);

  /* the first status, empty: neither */
  column = column_of (fixture, fixture->first);
  button = kontor_board_column_get_menu_button (column);
  gtk_menu_button_popup (button);
  item = find_menu_item (button, _("_Delete Column"));
  g_assert_nonnull (item);
  g_assert_false (gtk_widget_get_sensitive (item));
  g_assert_false (kontor_lead_status_check_delete (fixture->first, 0, &error));
  g_assert_nonnull (kontor_test_find_matching (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                               label_says, error->message));
  g_clear_error (&error);
  gtk_menu_button_popdown (button);
  gtk_widget_activate_action (GTK_WIDGET (column), "column.delete", NULL);
  kontor_test_settle (100);
  g_assert_cmpuint (n_statuses (fixture), ==, 5);

  /* rename "Angebot" by keys: one undo step */
  column = column_of (fixture, fixture->offer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.rename", NULL));
  g_assert_nonnull (kontor_test_wait_for_message_dialog ());
  kontor_test_focus_window (GTK_WINDOW (kontor_test_find_message_dialog ()));
  kontor_test_press ("ctrl+a BackSpace");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "Offerte", NULL });
  kontor_test_settle (100);
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (status_named, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_cmpuint (n_statuses (fixture), ==, 5);
  g_assert_nonnull (kontor_test_find_matching (GTK_WIDGET (column_of (fixture, fixture->offer)),
                                               label_says, "Offerte"));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  gtk_widget_grab_focus (GTK_WIDGET (wait_for_card (column_of (fixture, fixture->meeting),
                                                    fixture->anna)));
  kontor_test_press ("ctrl+z");
  wait.n = 0;
  g_assert_true (kontor_test_iterate_until (status_named, &wait, KONTOR_TEST_TIMEOUT));
  g_clear_object (&added);
  added = find_status (fixture, "Angebot");
  g_assert_nonnull (added);
  g_assert_cmpstr (id_of (added), ==, id_of (fixture->offer));
  g_clear_object (&added);

  /* "Add Column Right…" of "Termin": a status between it and "Angebot" */
  column = column_of (fixture, fixture->meeting);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.add-right", NULL));
  g_assert_nonnull (kontor_test_wait_for_message_dialog ());
  kontor_test_focus_window (GTK_WINDOW (kontor_test_find_message_dialog ()));
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "Demo", NULL });
  kontor_test_settle (100);
  kontor_test_press ("Return");
  wait.n = 6;
  g_assert_true (kontor_test_iterate_until (n_statuses_is, &wait, KONTOR_TEST_TIMEOUT));
  added = find_status (fixture, "Demo");
  g_assert_nonnull (added);
  added_id = g_strdup (id_of (added));
  g_assert_cmpint (kontor_lead_status_get_position (added), >,
                   kontor_lead_status_get_position (fixture->meeting));
  g_assert_cmpuint (kontor_board_get_n_columns (board), ==, 6);
  g_assert_cmpstr (kontor_board_column_get_status_id (kontor_board_get_column (board, 1)), ==,
                   id_of (fixture->meeting));
  g_assert_cmpstr (kontor_board_column_get_status_id (kontor_board_get_column (board, 2)), ==,
                   added_id);
  g_assert_cmpstr (kontor_board_column_get_status_id (kontor_board_get_column (board, 3)), ==,
                   id_of (fixture->offer));

  /* an empty status of the users' goes; Ctrl+Z brings it back */
  column = kontor_board_find_column (board, added_id);
  g_assert_nonnull (column);
  button = kontor_board_column_get_menu_button (column);
  gtk_menu_button_popup (button);
  g_assert_true (gtk_widget_get_sensitive (find_menu_item (button, _("_Delete Column"))));
  gtk_menu_button_popdown (button);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column), "column.delete", NULL));
  wait.n = 5;
  g_assert_true (kontor_test_iterate_until (n_statuses_is, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_null (kontor_board_find_column (board, added_id));
  g_assert_cmpuint (kontor_board_get_n_columns (board), ==, 5);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  gtk_widget_grab_focus (GTK_WIDGET (wait_for_card (column_of (fixture, fixture->meeting),
                                                    fixture->anna)));
  kontor_test_press ("ctrl+z");
  wait.n = 6;
  g_assert_true (kontor_test_iterate_until (n_statuses_is, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_nonnull (kontor_board_find_column (board, added_id));
  g_assert_cmpstr (kontor_board_column_get_status_id (kontor_board_get_column (board, 2)), ==,
                   added_id);
}

/* A lead's card drawn has its value where the full card has it, to the
 * pixel, as every other part (test-board.c's /ui/board/drawn-cards) */
static void
test_drawn_cards (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  KontorBoard *board = show_board (fixture);

  wait_for_card (column_of (fixture, fixture->meeting), fixture->clara);
  wait_for_card (column_of (fixture, fixture->offer), fixture->david);
  kontor_test_settle (300);
  kontor_test_collect_cards (GTK_WIDGET (board), all);
  /* drawn ones only: the pointer of the display may rest on one */
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_first_child (g_ptr_array_index (all, i)) == NULL)
      g_ptr_array_add (cards, g_ptr_array_index (all, i));
  g_assert_cmpuint (cards->len, >=, 3);
  for (guint i = 0; i < cards->len; i++)
    {
      KontorBoardCard *card = g_ptr_array_index (cards, i);
      g_autofree char *money = NULL;
      graphene_rect_t place;
      gint64 cents = 0;
      g_autofree char *currency = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (kontor_store_get_lead_value (fixture->base.store, id_of (fixture->project),
                                                  id_of (kontor_board_card_get_contact (card)),
                                                  &cents, &currency, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, >, 0);
      money = kontor_money_format (cents, currency);
      g_assert_true (_kontor_board_card_shows_text (card, money));
      _kontor_board_card_get_drawn_place (card, KONTOR_CARD_PART_VALUE, &place);
      g_assert_cmpfloat (place.size.width, >, 0);
      g_assert_cmpfloat (place.size.height, >, 0);
    }
  g_assert_cmpuint (kontor_test_assert_drawn_as_full (cards), >=, 2 * cards->len);
  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *value = _kontor_board_card_get_part (g_ptr_array_index (cards, i),
                                                      KONTOR_CARD_PART_VALUE);

      g_assert_true (GTK_IS_INSCRIPTION (value));
      g_assert_true (gtk_widget_get_visible (value));
    }
}

static gboolean
entry_dialog_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWindow *dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                  KONTOR_TYPE_LEAD_ENTRY_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

/* Return on a card opens its lead's dialog */
static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (fixture->juergen));
  g_autofree char *value = kontor_money_format (99900, NULL);
  KontorBoardCard *card;
  GtkWindow *dialog;
  GtkWidget *value_row;

  if (!keys_or_skip ())
    return;

  show_board (fixture);
  card = wait_for_card (column_of (fixture, fixture->meeting), fixture->juergen);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (entry_dialog_shown, fixture, KONTOR_TEST_TIMEOUT));
  dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                       KONTOR_TYPE_LEAD_ENTRY_DIALOG);
  /* Jürgen's lead: his name, its value as the locale writes money */
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, name);
  value_row = kontor_test_find_row (GTK_WIDGET (dialog), _("Value"));
  g_assert_nonnull (value_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value_row)), ==, value);
  /* not the contact's form */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (find_board (fixture))));
}

static gboolean
entry_is_gone (gpointer data)
{
  g_autoptr(KontorLeadEntry) entry = NULL;

  entry = kontor_store_load (current_store, KONTOR_TYPE_LEAD_ENTRY, id_of (data), NULL);

  return entry == NULL;
}

static gboolean
entry_is_back (gpointer data)
{
  return !entry_is_gone (data);
}

/* "Remove from Lead Project" in a card's menu deletes the lead, not the
 * contact, and Ctrl+Z brings it back in its column */
static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *contact_before = dup_contact_row (fixture->clara);
  g_autofree char *contact_after = NULL;
  KontorBoardColumn *meeting;
  KontorBoard *board;
  GMenuModel *section;
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *action = NULL;
  gboolean offers_delete = FALSE;

  if (!keys_or_skip ())
    return;

  board = show_board (fixture);
  meeting = column_of (fixture, fixture->meeting);
  /* its menu offers the removal, and no delete of the contact */
  menu = _kontor_board_dup_move_menu (board, fixture->clara, meeting);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_clear_pointer (&action, g_free);
          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          offers_delete |= g_strcmp0 (action, "win.delete-contact") == 0;
        }
      g_clear_object (&section);
    }
  g_assert_false (offers_delete);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wait_for_card (meeting, fixture->clara)),
                                             "board.remove-lead", "s", id_of (fixture->clara)));
  g_assert_true (kontor_test_iterate_until (entry_is_gone, fixture->clara_entry,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_wait_n_items (column_list (meeting), 2);
  contact_after = dup_contact_row (fixture->clara);
  g_assert_cmpstr (contact_after, ==, contact_before);

  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  gtk_widget_grab_focus (GTK_WIDGET (wait_for_card (meeting, fixture->anna)));
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_test_iterate_until (entry_is_back, fixture->clara_entry,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_wait_n_items (column_list (meeting), 3);
}

typedef struct
{
  KontorBoardCard *card;
  const char      *text;
} TextWait;

static gboolean
card_shows (gpointer data)
{
  TextWait *wait = data;

  return _kontor_board_card_shows_text (wait->card, wait->text);
}

/* A lead's value changed elsewhere (its dialog, a sync) is on its card and
 * in its column's sum at once; the other cards stay as they were */
static void
test_value_follows (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *money = kontor_money_format (4321000, NULL);
  g_autofree char *anna_money = kontor_money_format (123450, NULL);
  KontorBoardColumn *meeting;
  TextWait wait;

  show_board (fixture);
  meeting = column_of (fixture, fixture->meeting);
  entry = kontor_store_load (fixture->base.store, KONTOR_TYPE_LEAD_ENTRY,
                             id_of (fixture->juergen_entry), &error);
  g_assert_no_error (error);
  kontor_lead_entry_set_value_cents (entry, 4321000);
  g_assert_true (kontor_store_save (fixture->base.store, KONTOR_RECORD (entry), &error));
  g_assert_no_error (error);

  wait = (TextWait) { wait_for_card (meeting, fixture->juergen), money };
  g_assert_true (kontor_test_iterate_until (card_shows, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_true (_kontor_board_card_shows_text (wait_for_card (meeting, fixture->anna),
                                                anna_money));
}

/* The limit counts every lead of the status: a search that shows fewer
 * keeps the mark */
static void
test_limit_counts_all (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorLeadStatus) meeting_status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = g_strdup_printf (_("%'u / %'u"), 3, 2);
  KontorBoardColumn *meeting;
  GtkWidget *search;

  show_board (fixture);
  meeting_status = kontor_store_load (fixture->base.store, KONTOR_TYPE_LEAD_STATUS,
                                      id_of (fixture->meeting), &error);
  g_assert_no_error (error);
  kontor_lead_status_set_wip_limit (meeting_status, 2);
  g_assert_true (kontor_store_save (fixture->base.store, KONTOR_RECORD (meeting_status),
                                    &error));
  g_assert_no_error (error);
  meeting = column_of (fixture, fixture->meeting);
  wait_count (meeting, count);
  search = kontor_test_find_widget (GTK_WIDGET (find_page (fixture)), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "sonnenschein");
  kontor_test_wait_n_items (column_list (meeting), 1);
  kontor_test_settle (300);
  meeting = column_of (fixture, fixture->meeting);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (meeting), "over-limit"));
}

/* A move on the board is in the list when the list is shown again: the
 * page does not read the list while the board is shown */
static void
test_list_after_board (Fixture       *fixture,
                       gconstpointer  data)
{
  KontorLeadProjectPage *page = find_page (fixture);
  GListModel *leads;
  gboolean found = FALSE;

  show_board (fixture);
  g_assert_true (kontor_board_move_contact (find_board (fixture), fixture->juergen,
                                            id_of (fixture->offer), NULL, NULL));
  wait_entry_status (fixture->juergen_entry, fixture->offer);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lead-project.view", "s",
                                             "list"));
  leads = kontor_lead_project_page_get_leads (page);
  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(KontorLeadEntry) entry = g_list_model_get_item (leads, i);

      if (g_strcmp0 (id_of (entry), id_of (fixture->juergen_entry)) == 0)
        {
          g_assert_cmpstr (kontor_lead_entry_get_status_id (entry), ==, id_of (fixture->offer));
          found = TRUE;
        }
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.TestLeadBoard");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/lead-board/columns", test_columns);
  ADD ("/ui/lead-board/move-keys", test_move_keys);
  ADD ("/ui/lead-board/drop", test_drop);
  ADD ("/ui/lead-board/tick-before-first-frame", test_tick_before_first_frame);
  ADD ("/ui/lead-board/limit", test_limit);
  ADD ("/ui/lead-board/column-menu", test_column_menu);
  ADD ("/ui/lead-board/open", test_open);
  ADD ("/ui/lead-board/drawn-cards", test_drawn_cards);
  ADD ("/ui/lead-board/remove", test_remove);
  ADD ("/ui/lead-board/value-follows", test_value_follows);
  ADD ("/ui/lead-board/limit-counts-all", test_limit_counts_all);
  ADD ("/ui/lead-board/list-after-board", test_list_after_board);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
