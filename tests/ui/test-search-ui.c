/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-search-ui"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-contacts-view.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-shot.h"
#include "kontor-store-lead.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* The search entry's operators in the run's language (feature X10,
 * src/README.md "Operators, phrases and \"not\""), by real keys: the
 * completion offers the UI's language first, a built-in pipeline status
 * is found by its German name in either language, a contact by the name
 * of a file attached to its activity and by its lead entry's notes, and
 * an unknown operator is said in the UI's language; screenshots. */

#define OFFER_ID "00000000-0000-7000-8000-000000000004"

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  KontorContactsView *view;
} Fixture;

static KontorContact *
add_contact (KontorStore        *store,
             const char         *first,
             const char         *last,
             KontorContactStatus status)
{
  KontorContact *contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);
  kontor_contact_set_status (contact, status);
  kontor_test_save (store, contact);

  return contact;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  KontorStore *store;
  g_autoptr(KontorContact) joerg = NULL;
  g_autoptr(KontorContact) anna = NULL;
  g_autoptr(KontorContact) bernd = NULL;
  g_autoptr(KontorContact) clara = NULL;
  g_autoptr(KontorActivity) visit = NULL;
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Frühjahrsmesse");
  g_autoptr(KontorLeadEntry) entry = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_attachment_free);
  g_autoptr(GError) error = NULL;

  kontor_store_fixture_set_up (&fixture->base, NULL);
  store = fixture->base.store;
  joerg = add_contact (store, "Jörg", "Straßer", KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_contact_set_pipeline_status_id (joerg, OFFER_ID);
  kontor_test_save (store, joerg);
  anna = add_contact (store, "Anna", "Berg", KONTOR_CONTACT_STATUS_CUSTOMER);
  bernd = add_contact (store, "Bernd", "Klein", KONTOR_CONTACT_STATUS_PROSPECT);
  clara = add_contact (store, "Clara", "Voss", KONTOR_CONTACT_STATUS_PROSPECT);

  /* Bernd's visit has a price list attached */
  visit = kontor_activity_new (KONTOR_ACTIVITY_KIND_MEETING, KONTOR_RECORD (bernd));
  kontor_activity_set_subject (visit, "Besuch");
  kontor_activity_set_starts_at (visit, 1772359200);
  g_ptr_array_add (files, kontor_attachment_new ("0123456789abcdef0123456789abcdef"
                                                 "0123456789abcdef0123456789abcdef",
                                                 "Preisliste Süd.pdf", 2048, "application/pdf"));
  kontor_activity_set_attachment_list (visit, files);
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (visit), &error));
  g_assert_no_error (error);

  /* Clara's entry in a lead project notes her branch office */
  g_assert_true (kontor_store_create_lead_project (store, project, &error));
  g_assert_no_error (error);
  statuses = kontor_store_list_lead_statuses (store, kontor_record_get_id (KONTOR_RECORD (project)),
                                              &error);
  g_assert_no_error (error);
  entry = kontor_lead_entry_new (kontor_record_get_id (KONTOR_RECORD (project)),
                                 kontor_record_get_id (KONTOR_RECORD (clara)),
                                 kontor_record_get_id (g_ptr_array_index (statuses, 0)));
  kontor_lead_entry_set_notes (entry, "Will Muster für die Filiale in Köln");
  g_assert_true (kontor_store_save (store, KONTOR_RECORD (entry), &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 760);
  fixture->view = KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (50);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

typedef struct
{
  GtkEditable *editable;
  const char  *text;
} TextWait;

static gboolean
text_is (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (wait->editable), wait->text) == 0;
}

/* Types @text with real keys into the focused search entry and waits
 * until it shows it */
static void
type_search (Fixture    *fixture,
             const char *text)
{
  TextWait wait = { kontor_contacts_view_get_search_entry (fixture->view), text };

  kontor_contacts_view_focus_search (fixture->view);
  kontor_test_press ("ctrl+a BackSpace");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "40", text, NULL });
  if (!kontor_test_iterate_until (text_is, &wait, KONTOR_TEST_TIMEOUT))
    g_error ("typed “%s”, the entry shows “%s”", text, gtk_editable_get_text (wait.editable));
}

typedef struct
{
  GListModel *list;
  const char *names;
} ListWait;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The full names the list shows, sorted, comma-separated */
static char *
dup_names (GListModel *list)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KontorRecord) record = g_list_model_get_item (list, i);

      if (record == NULL)
        continue;
      g_ptr_array_add (names, kontor_record_dup_display_name (record));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (",", (char **) names->pdata);
}

static gboolean
list_shows (gpointer data)
{
  ListWait *wait = data;
  g_autofree char *names = dup_names (wait->list);

  return g_str_equal (names, wait->names);
}

/* Types @text and waits until the list shows exactly @names */
static void
assert_search_finds (Fixture    *fixture,
                     const char *text,
                     const char *names)
{
  ListWait wait = { G_LIST_MODEL (kontor_contacts_view_get_list (fixture->view)), names };

  type_search (fixture, text);
  if (!kontor_test_iterate_until (list_shows, &wait, KONTOR_TEST_TIMEOUT))
    {
      g_autofree char *shown = dup_names (wait.list);

      g_error ("“%s” shows “%s”, not “%s”", text, shown, names);
    }
}

static gboolean
is_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  g_autofree char *file = NULL;

  if (g_getenv ("KONTOR_SCREENSHOT_DIR") == NULL)
    return;
  file = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"), name, NULL);
  kontor_test_settle (300);
  kontor_test_take_screenshots (GTK_WIDGET (fixture->window), file);
}

typedef struct
{
  GtkWidget  *popover;
  const char *first;
} OffersWait;

static gboolean
first_offer_is (gpointer data)
{
  OffersWait *wait = data;
  GtkWidget *first = kontor_test_find_widget (wait->popover, GTK_TYPE_LABEL);

  return first != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (first)), wait->first) == 0;
}

/* The UI's language decides which name of a value is offered first:
 * "status:kunde" in German, "status:customer" in English; Down and
 * Return take it, and the list shows the customers */
static void
test_completion_in_ui_language (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkEditable *search = kontor_contacts_view_get_search_entry (fixture->view);
  /* Translators' choice, as the assistant reads it: "de" or "en" */
  gboolean german = g_str_equal (C_("search operators", "en"), "de");
  const char *customer = german ? "status:kunde" : "status:customer";
  g_autofree char *taken = g_strconcat (customer, " ", NULL);
  TextWait wait = { search, taken };
  OffersWait offers;
  GtkWidget *popover;
  GtkWidget *first;

  /* the run's language is the one asked for */
  g_assert_cmpint (german, ==, g_str_has_prefix (g_getenv ("LANGUAGE"), "de"));

  type_search (fixture, "status:");
  popover = kontor_test_find_widget (GTK_WIDGET (search), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (kontor_test_iterate_until (is_visible, popover, KONTOR_TEST_TIMEOUT));
  /* the offers follow the text as it is typed */
  offers.popover = popover;
  offers.first = customer;
  if (!kontor_test_iterate_until (first_offer_is, &offers, KONTOR_TEST_TIMEOUT))
    {
      first = kontor_test_find_widget (popover, GTK_TYPE_LABEL);
      g_error ("“status:” offers “%s” first, not “%s”", gtk_label_get_text (GTK_LABEL (first)),
               customer);
    }
  screenshot (fixture, "search-completion.png");

  kontor_test_press ("Down Return");
  g_assert_true (kontor_test_iterate_until (text_is, &wait, KONTOR_TEST_TIMEOUT));
  {
    ListWait shows = { G_LIST_MODEL (kontor_contacts_view_get_list (fixture->view)),
                       "Anna Berg,Jörg Straßer" };

    g_assert_true (kontor_test_iterate_until (list_shows, &shows, KONTOR_TEST_TIMEOUT));
  }
}

/* A built-in pipeline status by its German name, in either language */
static void
test_pipeline_by_german_name (Fixture       *fixture,
                              gconstpointer  data)
{
  assert_search_finds (fixture, "pipeline:angebot", "Jörg Straßer");
  assert_search_finds (fixture, "pipeline:offer", "Jörg Straßer");
}

/* A contact by the name of a file attached to its activity and by the
 * notes of its lead entry, and not by words spread over both */
static void
test_files_and_lead_notes (Fixture       *fixture,
                           gconstpointer  data)
{
  assert_search_finds (fixture, "preisliste", "Bernd Klein");
  assert_search_finds (fixture, "\"preisliste sued\"", "Bernd Klein");
  assert_search_finds (fixture, "filiale koeln", "Clara Voss");
  screenshot (fixture, "search-lead-notes.png");
  assert_search_finds (fixture, "filiale preisliste", "");
  assert_search_finds (fixture, "status:interessent filiale", "Clara Voss");
}

static gboolean
label_is_error (GtkWidget  *widget,
                const void *data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

/* An unknown operator is said under the entry in the UI's language */
static void
test_unknown_operator (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf (_("Unknown operator “%s:”"), "foo");
  GtkLabel *problem;

  if (g_str_has_prefix (g_getenv ("LANGUAGE"), "de"))
    g_assert_cmpstr (expected, ==, "Unbekannter Operator „foo:“");

  type_search (fixture, "foo:bar anna");
  problem = GTK_LABEL (kontor_test_find_matching (GTK_WIDGET (fixture->view), label_is_error,
                                                  NULL));
  g_assert_nonnull (problem);
  g_assert_true (kontor_test_iterate_until (is_visible, problem, KONTOR_TEST_TIMEOUT));
  g_assert_cmpstr (gtk_label_get_text (problem), ==, expected);
  screenshot (fixture, "search-unknown-operator.png");
  kontor_test_assert_accessible (GTK_WIDGET (fixture->view));
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    g_mkdir_with_parents (g_getenv ("KONTOR_SCREENSHOT_DIR"), 0755);
  app = kontor_test_app_new ("io.github.kontor.Kontor.SearchUi");

#define ADD(path, func) \
  g_test_add ("/ui/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("completion-in-ui-language", test_completion_in_ui_language);
  ADD ("pipeline-by-german-name", test_pipeline_by_german_name);
  ADD ("files-and-lead-notes", test_files_and_lead_notes);
  ADD ("unknown-operator", test_unknown_operator);
#undef ADD

  return g_test_run ();
}
