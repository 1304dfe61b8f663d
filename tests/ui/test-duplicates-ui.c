/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-duplicates-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kontor-channel.h"
#include "kontor-duplicates-window.h"
#include "kontor-duplicates.h"
#include "kontor-shot.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* "Find Duplicates…" (feature X1) by keys: the main menu's action opens
 * the window, the search runs on a worker and lists the pair, Return
 * opens the merge view, Space takes the other contact's job title, Alt+M
 * merges; the pair leaves the list, the main window offers the undo and
 * Ctrl+Z there brings the removed contact back; the same for two
 * companies, reached by the switch's mnemonic. F5 in the merge view goes
 * back to the list and searches again; the window's own toast and Ctrl+Z
 * and Shift+Ctrl+Z in it undo and redo a merge, the pair listed again. Screenshots of the lists
 * and the merge views, light and dark, in the run's language. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorCompany      *bakery;
  KontorContact      *kept;
  KontorContact      *removed;
} Fixture;

static KontorContact *
add_contact (Fixture    *fixture,
             const char *first,
             const char *last,
             const char *job,
             const char *city,
             const char *email,
             const char *phone)
{
  KontorContact *contact = kontor_contact_new ();
  g_autoptr(GPtrArray) emails = kontor_channel_array_new ();
  g_autoptr(GPtrArray) phones = kontor_channel_array_new ();

  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);
  kontor_contact_set_job_title (contact, job);
  kontor_contact_set_city (contact, city);
  kontor_contact_set_company_id (contact, kontor_record_get_id (KONTOR_RECORD (fixture->bakery)));
  g_ptr_array_add (emails, kontor_channel_new ("work", email));
  kontor_contact_set_emails (contact, emails);
  if (phone != NULL)
    {
      g_ptr_array_add (phones, kontor_channel_new ("mobile", phone));
      kontor_contact_set_phones (contact, phones);
    }
  kontor_test_save (fixture->base.store, contact);

  return contact;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorContact) other = NULL;

  kontor_store_fixture_set_up (&fixture->base, data);
  fixture->bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");
  kontor_test_save (fixture->base.store, fixture->bakery);
  fixture->kept = add_contact (fixture, "Jürgen", "Weiß", "Einkauf", "Köln",
                               "j.weiss@sonnenschein.example", NULL);
  fixture->removed = add_contact (fixture, "Juergen", "Weiss", "Geschäftsführer", NULL,
                                  "J.Weiss@sonnenschein.example", "0170 1234567");
  other = add_contact (fixture, "Anna", "Schneider", "Vertrieb", "Bonn",
                       "anna@sonnenschein.example", NULL);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1000, 700);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->bakery);
  g_clear_object (&fixture->kept);
  g_clear_object (&fixture->removed);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static gboolean
window_shown (gpointer data)
{
  Fixture *fixture = data;

  return kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                     KONTOR_TYPE_DUPLICATES_WINDOW) != NULL;
}

static KontorDuplicatesWindow *
open_finder (Fixture *fixture)
{
  KontorDuplicatesWindow *window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find-duplicates",
                                             NULL));
  g_assert_true (kontor_test_iterate_until (window_shown, fixture, KONTOR_TEST_TIMEOUT));
  window = KONTOR_DUPLICATES_WINDOW (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                                 KONTOR_TYPE_DUPLICATES_WINDOW));
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, window,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_wait_n_items (kontor_duplicates_window_get_pairs (window), 1);
  kontor_test_settle (200);

  return window;
}

static gboolean
is_merging (gpointer data)
{
  return kontor_duplicates_window_is_merging (data);
}

static gboolean
is_listing (gpointer data)
{
  return !kontor_duplicates_window_is_merging (data);
}

/* a check button whose label says @data */
static gboolean
is_check_of (GtkWidget  *widget,
             const void *data)
{
  GtkWidget *child;

  if (!GTK_IS_CHECK_BUTTON (widget))
    return FALSE;
  child = gtk_check_button_get_child (GTK_CHECK_BUTTON (widget));

  return GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), data) == 0;
}

static KontorContact *
load (Fixture       *fixture,
      KontorContact *contact)
{
  g_autoptr(GError) error = NULL;
  KontorContact *loaded = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                                             kontor_record_get_id (KONTOR_RECORD (contact)),
                                             &error);

  if (error != NULL)
    g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);

  return loaded;
}

typedef struct
{
  Fixture       *fixture;
  KontorContact *contact;
  gboolean       exists;
} StoredWait;

static gboolean
stored_is (gpointer data)
{
  StoredWait *wait = data;
  g_autoptr(KontorContact) loaded = load (wait->fixture, wait->contact);

  return (loaded != NULL) == wait->exists;
}

static void
test_find_and_merge (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  KontorDuplicatesWindow *window;
  g_autoptr(KontorDuplicatePair) pair = NULL;
  g_autoptr(KontorContact) kept = NULL;
  g_autofree char *toast = NULL;
  GtkWidget *check;
  StoredWait gone = { fixture, fixture->removed, FALSE };
  StoredWait back = { fixture, fixture->removed, TRUE };
  /* the button's mnemonic in the run's language: Alt+M, Alt+Z in German */
  const char *underscore = strchr (_("_Merge"), '_');
  g_autofree char *mnemonic = g_strdup_printf ("alt+%c", g_ascii_tolower (underscore[1]));

  if (!kontor_test_keys_can_be_sent ())
    {
      g_test_skip ("xdotool is needed to send keys");
      return;
    }

  if (dir != NULL)
    g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  window = open_finder (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (kontor_duplicates_window_get_pairs (window)), ==, 1);
  pair = g_list_model_get_item (kontor_duplicates_window_get_pairs (window), 0);
  g_assert_cmpint (kontor_duplicate_pair_get_reasons (pair), ==,
                   KONTOR_DUPLICATE_REASON_EMAIL | KONTOR_DUPLICATE_REASON_NAME_COMPANY);
  kontor_test_assert_accessible (GTK_WIDGET (window));
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "duplicates-list.png", NULL);

      kontor_test_take_screenshots (GTK_WIDGET (window), shot);
    }

  /* Return on the first pair: the merge view, the older contact kept */
  kontor_test_focus_window (GTK_WINDOW (window));
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (is_merging, window, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);
  kontor_test_assert_accessible (GTK_WIDGET (window));
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "duplicates-merge.png", NULL);

      /* tall enough for the whole view, the Merge button too */
      gtk_window_set_default_size (GTK_WINDOW (window), 760, 880);
      kontor_test_settle (300);
      kontor_test_take_screenshots (GTK_WIDGET (window), shot);
    }

  /* Escape goes back to the list, Return opens the pair again */
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (is_listing, window, KONTOR_TEST_TIMEOUT));
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (is_merging, window, KONTOR_TEST_TIMEOUT));

  /* the other's job title, by Space on its choice; the city stays the
   * kept one's; the button's mnemonic merges */
  check = kontor_test_find_matching (GTK_WIDGET (window), is_check_of, "Geschäftsführer");
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_widget_grab_focus (check);
  kontor_test_press ("space");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  kontor_test_press (mnemonic);

  g_assert_true (kontor_test_iterate_until (stored_is, &gone, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_test_iterate_until (is_listing, window, KONTOR_TEST_TIMEOUT));
  g_assert_cmpuint (g_list_model_get_n_items (kontor_duplicates_window_get_pairs (window)), ==, 0);
  kept = load (fixture, fixture->kept);
  g_assert_cmpstr (kontor_contact_get_job_title (kept), ==, "Geschäftsführer");
  g_assert_cmpstr (kontor_contact_get_city (kept), ==, "Köln");
  g_assert_cmpuint (kontor_contact_get_phones (kept)->len, ==, 1);

  /* the undo is the main window's, as for every change */
  toast = g_strdup_printf (_("“%s” merged into “%s”"), "Juergen Weiss", "Jürgen Weiß");
  g_assert_true (kontor_test_shows_toast (GTK_WIDGET (fixture->window), toast));
  gtk_window_close (GTK_WINDOW (window));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_test_iterate_until (stored_is, &back, KONTOR_TEST_TIMEOUT));
  g_clear_object (&kept);
  kept = load (fixture, fixture->kept);
  g_assert_cmpstr (kontor_contact_get_job_title (kept), ==, "Einkauf");
  g_assert_true (kontor_contact_get_phones (kept) == NULL ||
                 kontor_contact_get_phones (kept)->len == 0);
}

/* a button whose tooltip says @data */
static gboolean
is_button_of (GtkWidget  *widget,
              const void *data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The list page whole: its title, the refresh button, no back button,
 * the list itself shown */
static void
assert_list_page (KontorDuplicatesWindow *window)
{
  GtkWidget *title = kontor_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
  GtkWidget *list = kontor_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW);

  g_assert_false (kontor_duplicates_window_is_merging (window));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, _("Duplicates"));
  g_assert_false (gtk_widget_get_visible (kontor_test_find_matching (GTK_WIDGET (window),
                                                                     is_button_of,
                                                                     _("Back to the List"))));
  g_assert_true (gtk_widget_get_visible (kontor_test_find_matching (GTK_WIDGET (window),
                                                                    is_button_of,
                                                                    _("Search Again"))));
  g_assert_true (gtk_widget_get_mapped (list));
}

typedef struct
{
  GListModel *model;
  guint       n_items;
  GtkWidget  *list;
} ListedWait;

static gboolean
listed (gpointer data)
{
  ListedWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n_items &&
         gtk_widget_get_mapped (wait->list);
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} ToastWait;

static gboolean
toast_gone (gpointer data)
{
  ToastWait *wait = data;

  return !kontor_test_shows_toast (wait->window, wait->text);
}

static gboolean
has_no_pairs (gpointer data)
{
  return g_list_model_get_n_items (kontor_duplicates_window_get_pairs (data)) == 0;
}

/* F5 in the merge view: back to the list, searched again, the window
 * whole; a merge offers its undo in the window's own toast; Ctrl+Z there
 * brings the removed contact and the pair back, Shift+Ctrl+Z merges again */
static void
test_undo_in_window (Fixture       *fixture,
                     gconstpointer  data)
{
  KontorDuplicatesWindow *window;
  g_autofree char *toast = NULL;
  StoredWait gone = { fixture, fixture->removed, FALSE };
  StoredWait back = { fixture, fixture->removed, TRUE };
  const char *underscore = strchr (_("_Merge"), '_');
  g_autofree char *mnemonic = g_strdup_printf ("alt+%c", g_ascii_tolower (underscore[1]));
  ListedWait one = { NULL, 1, NULL };
  ToastWait toast_wait = { NULL, NULL };

  if (!kontor_test_keys_can_be_sent ())
    {
      g_test_skip ("xdotool is needed to send keys");
      return;
    }

  window = open_finder (fixture);
  one.model = kontor_duplicates_window_get_pairs (window);
  one.list = kontor_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW);
  kontor_test_focus_window (GTK_WINDOW (window));

  /* F5 on the merge view */
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (is_merging, window, KONTOR_TEST_TIMEOUT));
  kontor_test_press ("F5");
  g_assert_true (kontor_test_iterate_until (listed, &one, KONTOR_TEST_TIMEOUT));
  assert_list_page (window);

  /* merge by keys: the window's toast offers the undo */
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (is_merging, window, KONTOR_TEST_TIMEOUT));
  kontor_test_press (mnemonic);
  g_assert_true (kontor_test_iterate_until (stored_is, &gone, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_test_iterate_until (is_listing, window, KONTOR_TEST_TIMEOUT));
  g_assert_cmpuint (g_list_model_get_n_items (one.model), ==, 0);
  toast = g_strdup_printf (_("“%s” merged into “%s”"), "Juergen Weiss", "Jürgen Weiß");
  g_assert_true (kontor_test_shows_toast (GTK_WIDGET (window), toast));
  toast_wait.window = GTK_WIDGET (window);
  toast_wait.text = toast;
  kontor_test_assert_accessible (GTK_WIDGET (window));

  /* Ctrl+Z in this window: the contact and the pair come back */
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_test_iterate_until (stored_is, &back, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_test_iterate_until (listed, &one, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_test_iterate_until (toast_gone, &toast_wait, KONTOR_TEST_TIMEOUT));
  assert_list_page (window);

  /* Shift+Ctrl+Z merges again and the pair goes */
  kontor_test_press ("shift+ctrl+z");
  g_assert_true (kontor_test_iterate_until (stored_is, &gone, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_test_iterate_until (has_no_pairs, window, KONTOR_TEST_TIMEOUT));
  gtk_window_close (GTK_WINDOW (window));
}

static gboolean
is_none_page (GtkWidget  *widget,
              const void *data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)),
                    _("No Duplicates Found")) == 0;
}

static gboolean
shows_none (gpointer data)
{
  return kontor_test_find_matching (data, is_none_page, NULL) != NULL;
}

/* Nothing alike: the window says so */
static void
test_none_found (Fixture       *fixture,
                 gconstpointer  data)
{
  KontorDuplicatesWindow *window;
  g_autoptr(GError) error = NULL;

  g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (fixture->removed),
                                      &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find-duplicates",
                                             NULL));
  g_assert_true (kontor_test_iterate_until (window_shown, fixture, KONTOR_TEST_TIMEOUT));
  window = KONTOR_DUPLICATES_WINDOW (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                                 KONTOR_TYPE_DUPLICATES_WINDOW));
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, window,
                                            KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_test_iterate_until (shows_none, window, KONTOR_TEST_TIMEOUT));
  kontor_test_assert_accessible (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (kontor_duplicates_window_get_pairs (window)), ==, 0);
  gtk_window_close (GTK_WINDOW (window));
}

typedef struct
{
  Fixture       *fixture;
  KontorCompany *company;
  gboolean       exists;
} CompanyWait;

static gboolean
company_stored_is (gpointer data)
{
  CompanyWait *wait = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorCompany) loaded = kontor_store_load (wait->fixture->base.store,
                                                       KONTOR_TYPE_COMPANY,
                                                       kontor_record_get_id (KONTOR_RECORD (wait->company)),
                                                       &error);

  return (loaded != NULL) == wait->exists;
}

static gboolean
lists_one_pair (gpointer data)
{
  return g_list_model_get_n_items (kontor_duplicates_window_get_pairs (data)) == 1;
}

/* The companies by keys: the switch's mnemonic shows the companies' pairs
 * ("Bäckerei Sonnenschein GmbH" and "Baeckerei Sonnenschein", legal form
 * and umlaut folded), Return opens the merge view, Space takes the other
 * company's city, the button's mnemonic merges: the contact working at
 * the removed company works at the kept one. Ctrl+Z in the main window
 * brings the removed company back with its contact. */
static void
test_merge_companies (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");
  g_autoptr(KontorCompany) twin = kontor_company_new ("Baeckerei Sonnenschein");
  g_autoptr(KontorCompany) kept = NULL;
  g_autoptr(KontorContact) anna = kontor_contact_new ();
  g_autoptr(KontorContact) loaded = NULL;
  g_autoptr(KontorDuplicatePair) pair = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  KontorDuplicatesWindow *window;
  GtkWidget *check;
  CompanyWait gone = { fixture, NULL, FALSE };
  CompanyWait back = { fixture, NULL, TRUE };
  const char *merge_underscore = strchr (_("_Merge"), '_');
  const char *switch_underscore = strchr (_("C_ompanies"), '_');
  g_autofree char *merge_key = g_strdup_printf ("alt+%c", g_ascii_tolower (merge_underscore[1]));
  g_autofree char *switch_key = g_strdup_printf ("alt+%c",
                                                 g_ascii_tolower (switch_underscore[1]));

  if (!kontor_test_keys_can_be_sent ())
    {
      g_test_skip ("xdotool is needed to send keys");
      return;
    }

  kontor_company_set_city (fixture->bakery, "Köln");
  kontor_test_save (fixture->base.store, fixture->bakery);
  kontor_company_set_city (twin, "Bonn");
  kontor_test_save (fixture->base.store, twin);
  kontor_contact_set_last_name (anna, "Brandt");
  kontor_contact_set_first_name (anna, "Ida");
  kontor_contact_set_company_id (anna, kontor_record_get_id (KONTOR_RECORD (twin)));
  kontor_test_save (fixture->base.store, anna);
  gone.company = twin;
  back.company = twin;

  window = open_finder (fixture);
  kontor_test_focus_window (GTK_WINDOW (window));
  kontor_test_press (switch_key);
  g_assert_true (kontor_test_iterate_until (lists_one_pair, window, KONTOR_TEST_TIMEOUT));
  pair = g_list_model_get_item (kontor_duplicates_window_get_pairs (window), 0);
  g_assert_true (kontor_duplicate_pair_get_record_type (pair) == KONTOR_TYPE_COMPANY);
  g_assert_cmpint (kontor_duplicate_pair_get_reasons (pair), ==,
                   KONTOR_DUPLICATE_REASON_COMPANY_NAME);
  kontor_test_settle (200);
  kontor_test_assert_accessible (GTK_WIDGET (window));
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "duplicates-companies.png", NULL);

      kontor_test_take_screenshots (GTK_WIDGET (window), shot);
    }

  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (is_merging, window, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);
  kontor_test_assert_accessible (GTK_WIDGET (window));
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "duplicates-merge-companies.png", NULL);

      gtk_window_set_default_size (GTK_WINDOW (window), 760, 880);
      kontor_test_settle (300);
      kontor_test_take_screenshots (GTK_WIDGET (window), shot);
    }

  check = kontor_test_find_matching (GTK_WIDGET (window), is_check_of, "Bonn");
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_widget_grab_focus (check);
  kontor_test_press ("space");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  kontor_test_press (merge_key);

  g_assert_true (kontor_test_iterate_until (company_stored_is, &gone, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_test_iterate_until (is_listing, window, KONTOR_TEST_TIMEOUT));
  g_assert_cmpuint (g_list_model_get_n_items (kontor_duplicates_window_get_pairs (window)), ==, 0);
  kept = kontor_store_load (fixture->base.store, KONTOR_TYPE_COMPANY,
                            kontor_record_get_id (KONTOR_RECORD (fixture->bakery)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_company_get_city (kept), ==, "Bonn");
  g_assert_cmpstr (kontor_company_get_name (kept), ==, "Bäckerei Sonnenschein GmbH");
  loaded = load (fixture, anna);
  g_assert_cmpstr (kontor_contact_get_company_id (loaded), ==,
                   kontor_record_get_id (KONTOR_RECORD (fixture->bakery)));
  g_clear_object (&loaded);

  toast = g_strdup_printf (_("“%s” merged into “%s”"), "Baeckerei Sonnenschein",
                           "Bäckerei Sonnenschein GmbH");
  g_assert_true (kontor_test_shows_toast (GTK_WIDGET (fixture->window), toast));
  gtk_window_close (GTK_WINDOW (window));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_test_iterate_until (company_stored_is, &back, KONTOR_TEST_TIMEOUT));
  loaded = load (fixture, anna);
  g_assert_cmpstr (kontor_contact_get_company_id (loaded), ==,
                   kontor_record_get_id (KONTOR_RECORD (twin)));
  g_clear_object (&kept);
  kept = kontor_store_load (fixture->base.store, KONTOR_TYPE_COMPANY,
                            kontor_record_get_id (KONTOR_RECORD (fixture->bakery)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_company_get_city (kept), ==, "Köln");
}

/* No contacts alike but two companies: the window shows the companies */
static void
test_companies_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KontorCompany) twin = kontor_company_new ("Baeckerei Sonnenschein");
  g_autoptr(KontorDuplicatePair) pair = NULL;
  g_autoptr(GError) error = NULL;
  KontorDuplicatesWindow *window;

  g_assert_true (kontor_store_delete (fixture->base.store, KONTOR_RECORD (fixture->removed),
                                      &error));
  g_assert_no_error (error);
  kontor_test_save (fixture->base.store, twin);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find-duplicates",
                                             NULL));
  g_assert_true (kontor_test_iterate_until (window_shown, fixture, KONTOR_TEST_TIMEOUT));
  window = KONTOR_DUPLICATES_WINDOW (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                                 KONTOR_TYPE_DUPLICATES_WINDOW));
  g_assert_true (kontor_test_iterate_until (lists_one_pair, window, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);
  pair = g_list_model_get_item (kontor_duplicates_window_get_pairs (window), 0);
  g_assert_true (kontor_duplicate_pair_get_record_type (pair) == KONTOR_TYPE_COMPANY);
  kontor_test_assert_accessible (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.TestDuplicates");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/duplicates/find-and-merge", test_find_and_merge);
  ADD ("/ui/duplicates/none-found", test_none_found);
  ADD ("/ui/duplicates/undo-in-window", test_undo_in_window);
  ADD ("/ui/duplicates/merge-companies", test_merge_companies);
  ADD ("/ui/duplicates/companies-only", test_companies_only);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
