/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-leads-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kontor-activity.h"
#include "kontor-date-button.h"
#include "kontor-format.h"
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

/* The Leadmanager in the window (features D2, D4) by real keys: "New
 * Lead Project…" in the sidebar, a name typed and Return make a project
 * with its system statuses and open its page; its leads are listed with
 * contact, company, status, user and value; unchecking a status in the
 * status filter hides its leads; Return on a lead opens its dialog, where
 * a note and Return add a follow-up on the entry, which the page's
 * overview lists; deleting the project asks with the count of its leads
 * and Ctrl+Z brings both back. "Edit Statuses…" adds, moves and deletes
 * statuses and sets their limits and probabilities, one change undone by
 * Ctrl+Z. Screenshots of the page, of a lead with a follow-up and of the
 * statuses dialog, light and dark, in the run's language. */

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
  KontorContact      *anna;
  KontorContact      *juergen;
} Fixture;

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
  kontor_test_save (fixture->base.store, contact);

  return contact;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorCompany) bakery = kontor_company_new ("Bäckerei Sonnenschein GmbH");

  kontor_store_fixture_set_up (&fixture->base, data);
  fixture->seller = kontor_user_new ("anna", "Anna Weber", KONTOR_USER_ROLE_SALES);
  kontor_test_save (fixture->base.store, fixture->seller);
  kontor_test_save (fixture->base.store, bakery);
  fixture->anna = add_contact (fixture, "Anna", "Schneider",
                               kontor_record_get_id (KONTOR_RECORD (bakery)));
  fixture->juergen = add_contact (fixture, "Jürgen", "Weiß", NULL);

  current_store = fixture->base.store;
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 760);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_close_message_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->seller);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->juergen);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static GPtrArray *
list_projects (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *projects = kontor_store_list_lead_projects (fixture->base.store, TRUE, &error);

  g_assert_no_error (error);

  return projects;
}

static gboolean
n_projects_is (Fixture *fixture,
               guint    n)
{
  g_autoptr(GPtrArray) projects = list_projects (fixture);

  return projects->len == n;
}

static gboolean
one_project (gpointer data)
{
  return n_projects_is (data, 1);
}

static gboolean
no_project (gpointer data)
{
  return n_projects_is (data, 0);
}

static KontorLeadProjectPage *
find_page (Fixture *fixture)
{
  return KONTOR_LEAD_PROJECT_PAGE (kontor_test_find_widget (GTK_WIDGET (fixture->window),
                                                            KONTOR_TYPE_LEAD_PROJECT_PAGE));
}

/* the sidebar's lead projects: other views name projects too */
static GtkWidget *
find_sidebar (Fixture *fixture)
{
  return kontor_test_find_widget (GTK_WIDGET (fixture->window), KONTOR_TYPE_LEAD_SIDEBAR);
}

static gboolean
page_shown (gpointer data)
{
  KontorLeadProjectPage *page = find_page (data);

  return page != NULL && gtk_widget_get_mapped (GTK_WIDGET (page)) &&
         kontor_lead_project_page_get_project_id (page) != NULL;
}

static KontorLeadEntry *
add_entry (Fixture          *fixture,
           const char       *project_id,
           KontorContact    *contact,
           KontorLeadStatus *status,
           gint64            cents)
{
  KontorLeadEntry *entry =
    kontor_lead_entry_new (project_id, kontor_record_get_id (KONTOR_RECORD (contact)),
                           kontor_record_get_id (KONTOR_RECORD (status)));

  kontor_lead_entry_set_value_cents (entry, cents);
  kontor_lead_entry_set_assignee_id (entry, kontor_record_get_id (KONTOR_RECORD (fixture->seller)));
  kontor_test_save (fixture->base.store, entry);

  return entry;
}

/* a check button whose label says @data */
static gboolean
is_check_of (GtkWidget  *widget,
             const void *data)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data) == 0;
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n_items;
}

static gboolean
entry_dialog_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWindow *dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                  KONTOR_TYPE_LEAD_ENTRY_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_window_is_active (dialog);
}

static gboolean
entry_dialog_gone (gpointer data)
{
  Fixture *fixture = data;

  return kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                     KONTOR_TYPE_LEAD_ENTRY_DIALOG) == NULL;
}

static gboolean
assignee_cleared (gpointer data)
{
  g_autoptr(KontorLeadEntry) entry = kontor_store_load (current_store, KONTOR_TYPE_LEAD_ENTRY,
                                                        kontor_record_get_id (data), NULL);

  return entry != NULL && kontor_lead_entry_get_assignee_id (entry) == NULL;
}

static gboolean
probability_is_none (gpointer data)
{
  g_autoptr(KontorLeadEntry) entry = kontor_store_load (current_store, KONTOR_TYPE_LEAD_ENTRY,
                                                        kontor_record_get_id (data), NULL);

  return entry != NULL && kontor_lead_entry_get_probability (entry) == -1;
}

static gboolean
value_and_probability_set (gpointer data)
{
  g_autoptr(KontorLeadEntry) entry = kontor_store_load (current_store, KONTOR_TYPE_LEAD_ENTRY,
                                                        kontor_record_get_id (data), NULL);

  return entry != NULL && kontor_lead_entry_get_value_cents (entry) == 1234567 &&
         kontor_lead_entry_get_probability (entry) == 40;
}

static gboolean
status_is_lost (gpointer data)
{
  g_autoptr(KontorLeadEntry) entry = kontor_store_load (current_store, KONTOR_TYPE_LEAD_ENTRY,
                                                        kontor_record_get_id (data), NULL);
  g_autoptr(KontorLeadStatus) status = NULL;

  if (entry == NULL)
    return FALSE;
  status = kontor_store_load (current_store, KONTOR_TYPE_LEAD_STATUS,
                              kontor_lead_entry_get_status_id (entry), NULL);

  return status != NULL && kontor_lead_status_get_role (status) == KONTOR_LEAD_STATUS_ROLE_LOST;
}

static gboolean
label_says (GtkWidget  *widget,
            const void *data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return kontor_test_find_matching (wait->root, label_says, wait->text) != NULL;
}

/* a list box whose accessible name is @data */
static gboolean
is_labelled (GtkWidget  *widget,
             const void *data)
{
  g_autofree char *mismatch = NULL;

  if (!GTK_IS_LIST_BOX (widget) ||
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, data);

  return mismatch == NULL;
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

static void
test_project_by_keys (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorLeadEntry) anna_entry = NULL;
  g_autoptr(KontorLeadEntry) juergen_entry = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *value_money = NULL, *won_money = NULL, *first_line = NULL, *won_line = NULL;
  g_autofree char *sums_text = NULL, *forecast_money = NULL, *march = NULL;
  g_autofree char *forecast_text = NULL;
  LabelWait label_wait;
  GtkWidget *value_row, *spin;
  KontorLeadProjectPage *page;
  KontorLeadProject *project;
  KontorLeadStatus *first, *won;
  AdwMessageDialog *question;
  GtkWidget *button, *check, *dialog;
  GtkMenuButton *status_button;
  const char *project_id;
  CountWait listed;

  if (!kontor_test_keys_can_be_sent ())
    {
      g_test_skip ("xdotool is needed to send keys");
      return;
    }

  /* "New Lead Project…": a name typed and Return */
  button = kontor_test_find_actionable (GTK_WIDGET (fixture->window), "leads.new-project");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  gtk_widget_grab_focus (button);
  kontor_test_press ("Return");
  g_assert_nonnull (kontor_test_wait_for_message_dialog ());
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "Fruehjahrsaktion", NULL });
  kontor_test_settle (100);
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (one_project, fixture, KONTOR_TEST_TIMEOUT));
  projects = list_projects (fixture);
  project = g_ptr_array_index (projects, 0);
  project_id = kontor_record_get_id (KONTOR_RECORD (project));
  g_assert_cmpstr (kontor_lead_project_get_name (project), ==, "Fruehjahrsaktion");
  g_assert_cmpstr (kontor_lead_project_get_currency (project), ==, "EUR");
  g_assert_true (kontor_test_iterate_until (page_shown, fixture, KONTOR_TEST_TIMEOUT));
  page = find_page (fixture);
  g_assert_cmpstr (kontor_lead_project_page_get_project_id (page), ==, project_id);
  /* the sidebar lists it */
  g_assert_nonnull (kontor_test_find_matching (find_sidebar (fixture), label_says,
                                               "Fruehjahrsaktion"));

  /* two leads: one new, one won */
  statuses = kontor_store_list_lead_statuses (fixture->base.store, project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, ==, 3);
  first = g_ptr_array_index (statuses, 0);
  won = g_ptr_array_index (statuses, 1);
  g_assert_cmpint (kontor_lead_status_get_role (won), ==, KONTOR_LEAD_STATUS_ROLE_WON);
  anna_entry = add_entry (fixture, project_id, fixture->anna, first, 123450);
  juergen_entry = add_entry (fixture, project_id, fixture->juergen, won, 99900);
  listed = (CountWait) { kontor_lead_project_page_get_leads (page), 2 };
  g_assert_true (kontor_test_iterate_until (count_is, &listed, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));
  shoot (GTK_WIDGET (fixture->window), "lead-project.png");

  /* the status filter: Space on "Won" unchecks it, its lead goes */
  status_button = GTK_MENU_BUTTON (kontor_test_find_with_class (GTK_WIDGET (page),
                                                                GTK_TYPE_MENU_BUTTON,
                                                                "status-filter"));
  g_assert_nonnull (status_button);
  gtk_menu_button_popup (status_button);
  kontor_test_settle (200);
  check = kontor_test_find_matching (GTK_WIDGET (gtk_menu_button_get_popover (status_button)),
                                     is_check_of, kontor_lead_status_get_name (won));
  g_assert_nonnull (check);
  gtk_widget_grab_focus (check);
  kontor_test_press ("space");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  listed.n_items = 1;
  g_assert_true (kontor_test_iterate_until (count_is, &listed, KONTOR_TEST_TIMEOUT));
  kontor_test_press ("Escape");

  /* Return on the lead left opens it; a note and Return add a follow-up */
  kontor_lead_project_page_focus_list (page);
  kontor_test_settle (100);
  kontor_test_press ("Down Return");
  g_assert_true (kontor_test_iterate_until (entry_dialog_shown, fixture, KONTOR_TEST_TIMEOUT));
  dialog = GTK_WIDGET (kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                   KONTOR_TYPE_LEAD_ENTRY_DIALOG));
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "Angebot nachfassen", NULL });
  kontor_test_settle (100);
  kontor_test_press ("Return");
  listed.model = kontor_lead_entry_dialog_get_follow_ups (KONTOR_LEAD_ENTRY_DIALOG (dialog));
  listed.n_items = 1;
  g_assert_true (kontor_test_iterate_until (count_is, &listed, KONTOR_TEST_TIMEOUT));
  follow_ups = kontor_store_list_lead_follow_ups (fixture->base.store,
                                                  kontor_record_get_id (KONTOR_RECORD (anna_entry)),
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (follow_ups->len, ==, 1);
  g_assert_cmpstr (kontor_activity_get_subject (g_ptr_array_index (follow_ups, 0)), ==,
                   "Angebot nachfassen");
  g_assert_cmpstr (kontor_activity_get_lead_entry_id (g_ptr_array_index (follow_ups, 0)), ==,
                   kontor_record_get_id (KONTOR_RECORD (anna_entry)));
  /* the value typed as the locale writes money ("12.345,67" in German,
   * "12,345.67" in English) and Return; bad text is refused with the
   * model's message; the probability typed into its spin button */
  typed = kontor_money_format (1234567, NULL);
  value_row = kontor_test_find_row (dialog, _("Value"));
  gtk_widget_grab_focus (value_row);
  kontor_test_press ("ctrl+a BackSpace");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "zwölf", NULL });
  kontor_test_settle (100);
  kontor_test_press ("Return");
  g_assert_nonnull (kontor_test_wait_for_message_dialog ());
  kontor_test_close_message_dialogs ();
  {
    g_autoptr(KontorLeadEntry) stored = kontor_store_load (current_store, KONTOR_TYPE_LEAD_ENTRY,
                                                           kontor_record_get_id (KONTOR_RECORD (anna_entry)),
                                                           NULL);

    g_assert_cmpint (kontor_lead_entry_get_value_cents (stored), ==, 123450);
  }
  kontor_test_focus_window (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (value_row);
  kontor_test_press ("ctrl+a BackSpace");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", typed, NULL });
  kontor_test_settle (100);
  kontor_test_press ("Return");
  gtk_widget_grab_focus (kontor_test_find_widget (dialog, GTK_TYPE_SPIN_BUTTON));
  kontor_test_press ("ctrl+a BackSpace");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "40", NULL });
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (value_and_probability_set, anna_entry,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);
  /* emptied, the probability is none again ("None" shown); then 40 */
  spin = kontor_test_find_widget (dialog, GTK_TYPE_SPIN_BUTTON);
  gtk_widget_grab_focus (spin);
  kontor_test_press ("ctrl+a BackSpace Return");
  g_assert_true (kontor_test_iterate_until (probability_is_none, anna_entry, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, C_("probability", "None"));
  gtk_widget_grab_focus (spin);
  kontor_test_press ("ctrl+a BackSpace");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "40", NULL });
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (value_and_probability_set, anna_entry,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value_row)), ==, typed);
  /* the page behind sums each status in the locale's money, and an
   * expected close makes a forecast: 12,345.67 × 40 % = 4,938.268, 4,938.27 */
  value_money = kontor_money_format (1234567, "EUR");
  won_money = kontor_money_format (99900, "EUR");
  sums_text = g_strdup_printf ("%s\n%s",
                               first_line = g_strdup_printf (ngettext ("%s: %u lead, %s",
                                                                       "%s: %u leads, %s", 1),
                                                             kontor_lead_status_get_name (first),
                                                             1, value_money),
                               won_line = g_strdup_printf (ngettext ("%s: %u lead, %s",
                                                                     "%s: %u leads, %s", 1),
                                                           kontor_lead_status_get_name (won),
                                                           1, won_money));
  label_wait = (LabelWait) { GTK_WIDGET (page), sums_text };
  g_assert_true (kontor_test_iterate_until (label_shown, &label_wait, KONTOR_TEST_TIMEOUT));
  kontor_date_button_set_date (KONTOR_DATE_BUTTON (kontor_test_find_widget (dialog,
                                                                            KONTOR_TYPE_DATE_BUTTON)),
                               "2027-03-15");
  forecast_money = kontor_money_format (493827, "EUR");
  march = kontor_format_month (3);
  forecast_text = g_strdup_printf (_("%s %u: %s expected"), march, 2027, forecast_money);
  label_wait = (LabelWait) { GTK_WIDGET (page), forecast_text };
  g_assert_true (kontor_test_iterate_until (label_shown, &label_wait, KONTOR_TEST_TIMEOUT));
  /* "Nobody" assigned: stored at once */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kontor_test_find_row (dialog, _("Assigned To"))), 0);
  g_assert_true (kontor_test_iterate_until (assignee_cleared, anna_entry, KONTOR_TEST_TIMEOUT));
  /* another status: the third, "Lost" */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kontor_test_find_row (dialog, _("Status"))), 2);
  g_assert_true (kontor_test_iterate_until (status_is_lost, anna_entry, KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);
  kontor_test_assert_accessible (dialog);
  /* tall enough for the follow-ups */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, 860);
  kontor_test_settle (300);
  shoot (dialog, "lead-entry.png");
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (entry_dialog_gone, fixture, KONTOR_TEST_TIMEOUT));

  /* the page's overview of open follow-ups lists it */
  g_assert_nonnull (kontor_test_find_row (GTK_WIDGET (page), "Angebot nachfassen"));
  kontor_test_settle (200);
  shoot (GTK_WIDGET (fixture->window), "lead-project-follow-ups.png");

  /* delete: asked with the count, Tab to "Delete" and Return; Ctrl+Z
   * brings the project back with its leads */
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lead-project.delete", NULL));
  question = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (question);
  heading = g_strdup_printf (ngettext ("Delete the project and its %u lead?",
                                       "Delete the project and its %u leads?", 2), 2);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, heading);
  kontor_test_press ("Tab Return");
  g_assert_true (kontor_test_iterate_until (no_project, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_null (kontor_store_find_lead_entry (fixture->base.store, project_id,
                                               kontor_record_get_id (KONTOR_RECORD (fixture->anna)),
                                               NULL));
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_test_iterate_until (one_project, fixture, KONTOR_TEST_TIMEOUT));
  g_clear_object (&anna_entry);
  anna_entry = kontor_store_find_lead_entry (fixture->base.store, project_id,
                                             kontor_record_get_id (KONTOR_RECORD (fixture->anna)),
                                             &error);
  g_assert_no_error (error);
  g_assert_nonnull (anna_entry);
  g_assert_cmpint (kontor_lead_entry_get_value_cents (anna_entry), ==, 1234567);
}

/* A project without leads goes without a question, undoable */
static void
test_delete_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe 2027");
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  g_assert_true (kontor_store_create_lead_project (fixture->base.store, project, &error));
  g_assert_no_error (error);
  kontor_test_settle (100);
  row = gtk_widget_get_ancestor (kontor_test_find_matching (find_sidebar (fixture), label_says,
                                                            "Messe 2027"),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_true (kontor_test_iterate_until (page_shown, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_page (fixture)),
                                             "lead-project.delete", NULL));
  g_assert_true (kontor_test_iterate_until (no_project, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_null (kontor_test_find_message_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_true (kontor_test_iterate_until (one_project, fixture, KONTOR_TEST_TIMEOUT));
}

/* The model's message for a bad currency, and no saving */
static void
test_dialog_refuses (Fixture       *fixture,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *currency;

  g_assert_true (gtk_widget_activate_action (kontor_test_find_actionable (
                                               GTK_WIDGET (fixture->window), "leads.new-project"),
                                             "leads.new-project", NULL));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  /* no name yet */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (kontor_test_find_row (GTK_WIDGET (dialog), _("Name"))),
                         "Herbst");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  currency = kontor_test_find_row (GTK_WIDGET (dialog), _("Currency"));
  gtk_editable_set_text (GTK_EDITABLE (currency), "euro");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_nonnull (kontor_test_find_with_class (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error"));
  g_assert_true (gtk_widget_get_visible (kontor_test_find_with_class (GTK_WIDGET (dialog),
                                                                      GTK_TYPE_LABEL, "error")));
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  adw_message_dialog_response (dialog, "save");
  kontor_test_settle (100);
  g_assert_true (n_projects_is (fixture, 0));
}

static GPtrArray *
list_statuses (Fixture    *fixture,
               const char *project_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *statuses = kontor_store_list_lead_statuses (fixture->base.store, project_id, &error);

  g_assert_no_error (error);

  return statuses;
}

typedef struct
{
  Fixture    *fixture;
  const char *project_id;
  guint       n;
} StatusWait;

static gboolean
n_statuses_is (gpointer data)
{
  StatusWait *wait = data;
  g_autoptr(GPtrArray) statuses = list_statuses (wait->fixture, wait->project_id);

  return statuses->len == wait->n;
}

/* "Edit Statuses…": two statuses typed, each with Return, the second
 * moved up with Alt+Up, Return on the empty name saves; one change,
 * which Ctrl+Z takes back and Shift+Ctrl+Z brings again */
static void
test_edit_statuses (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe 2027");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  const char *project_id;
  StatusWait wait = { fixture, NULL, 5 };

  if (!kontor_test_keys_can_be_sent ())
    {
      g_test_skip ("xdotool is needed to send keys");
      return;
    }

  g_assert_true (kontor_store_create_lead_project (fixture->base.store, project, &error));
  g_assert_no_error (error);
  project_id = kontor_record_get_id (KONTOR_RECORD (project));
  wait.project_id = project_id;
  kontor_test_settle (100);
  row = gtk_widget_get_ancestor (kontor_test_find_matching (find_sidebar (fixture), label_says,
                                                            "Messe 2027"),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (row, "activate");
  g_assert_true (kontor_test_iterate_until (page_shown, fixture, KONTOR_TEST_TIMEOUT));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_page (fixture)),
                                             "lead-project.edit-statuses", NULL));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  kontor_test_focus_window (GTK_WINDOW (dialog));
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "Termin", NULL });
  kontor_test_press ("Return");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "Angebot", NULL });
  kontor_test_press ("Return");
  kontor_test_settle (100);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  shoot (GTK_WIDGET (dialog), "lead-statuses.png");
  /* Alt+Up on "Angebot" puts it before "Termin"; the first status does
   * not move */
  gtk_widget_grab_focus (kontor_test_find_row (GTK_WIDGET (dialog), _("Status")));
  gtk_widget_grab_focus (gtk_widget_get_next_sibling (kontor_test_find_row (GTK_WIDGET (dialog),
                                                                            _("Status"))));
  kontor_test_press ("alt+Up");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  /* Return in the empty name of a new status saves */
  gtk_widget_grab_focus (kontor_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY));
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (n_statuses_is, &wait, KONTOR_TEST_TIMEOUT));
  statuses = list_statuses (fixture, project_id);
  g_assert_cmpint (kontor_lead_status_get_role (g_ptr_array_index (statuses, 0)), ==,
                   KONTOR_LEAD_STATUS_ROLE_FIRST);
  g_assert_cmpstr (kontor_lead_status_get_name (g_ptr_array_index (statuses, 1)), ==, "Angebot");
  g_assert_cmpstr (kontor_lead_status_get_name (g_ptr_array_index (statuses, 2)), ==, "Termin");
  g_assert_cmpint (kontor_lead_status_get_role (g_ptr_array_index (statuses, 3)), ==,
                   KONTOR_LEAD_STATUS_ROLE_WON);
  g_assert_cmpint (kontor_lead_status_get_role (g_ptr_array_index (statuses, 4)), ==,
                   KONTOR_LEAD_STATUS_ROLE_LOST);

  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_lead_project_page_focus_list (find_page (fixture));
  kontor_test_press ("ctrl+z");
  wait.n = 3;
  g_assert_true (kontor_test_iterate_until (n_statuses_is, &wait, KONTOR_TEST_TIMEOUT));
  kontor_test_press ("shift+ctrl+z");
  wait.n = 5;
  g_assert_true (kontor_test_iterate_until (n_statuses_is, &wait, KONTOR_TEST_TIMEOUT));
}

/* the name row of the status named @data in the statuses dialog */
static gboolean
is_status_row (GtkWidget  *widget,
               const void *data)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

static gboolean
is_delete_button (GtkWidget  *widget,
                  const void *data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "user-trash-symbolic") == 0;
}

static GtkWidget *
get_focus (AdwMessageDialog *dialog)
{
  return gtk_root_get_focus (GTK_ROOT (dialog));
}

/* Tab from the focus until a button whose accessible name is @label has
 * it, as a user would; fails when it is not among the next stops */
static void
tab_to_button (AdwMessageDialog *dialog,
               const char       *label)
{
  for (guint i = 0; i < 8; i++)
    {
      GtkWidget *focus = get_focus (dialog);
      g_autofree char *mismatch = NULL;

      if (focus != NULL && GTK_IS_BUTTON (focus))
        mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (focus),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      if (focus != NULL && GTK_IS_BUTTON (focus) && mismatch == NULL)
        return;
      kontor_test_press ("Tab");
    }
  g_error ("no button “%s” reached by Tab", label);
}

/* the spin button in the row titled @title under @expander */
static GtkSpinButton *
find_setting (GtkWidget  *expander,
              const char *title)
{
  GtkWidget *row = kontor_test_find_row (expander, title);

  g_assert_nonnull (row);

  return GTK_SPIN_BUTTON (kontor_test_find_widget (row, GTK_TYPE_SPIN_BUTTON));
}

/* the status named @name as stored, or NULL */
static KontorLeadStatus *
find_status (Fixture    *fixture,
             const char *project_id,
             const char *name)
{
  g_autoptr(GPtrArray) statuses = list_statuses (fixture, project_id);

  for (guint i = 0; i < statuses->len; i++)
    if (g_strcmp0 (kontor_lead_status_get_name (g_ptr_array_index (statuses, i)), name) == 0)
      return g_object_ref (g_ptr_array_index (statuses, i));

  return NULL;
}

static gboolean
angebot_settings_saved (gpointer data)
{
  StatusWait *wait = data;
  g_autoptr(KontorLeadStatus) angebot = find_status (wait->fixture, wait->project_id, "Angebot");

  return angebot != NULL && kontor_lead_status_get_wip_limit (angebot) == 7 &&
         kontor_lead_status_get_probability (angebot) == 60;
}

/* Deleting a status in "Edit Statuses…" by keys: Tab reaches the delete
 * button of "Termin" (named for the status), Space deletes it from the
 * list; "Angebot" has two leads, so Return on its button shows the
 * model's message with the count and it stays; its limit and probability
 * are typed (a probability over 100 gets the model's message and is not
 * taken); Return saves all of it as one change, and Ctrl+Z brings
 * "Termin" back under its id with its limit and probability */
static void
test_delete_status (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe 2027");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KontorLeadStatusChange) change = NULL;
  g_autoptr(KontorLeadStatus) termin = NULL;
  g_autoptr(KontorLeadStatus) back = NULL;
  g_autoptr(KontorLeadStatus) angebot = NULL;
  g_autoptr(KontorLeadEntry) anna_entry = NULL;
  g_autoptr(KontorLeadEntry) juergen_entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *delete_termin = NULL;
  g_autofree char *delete_angebot = NULL;
  g_autofree char *refusal = NULL;
  g_autofree char *not_number = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row, *expander, *message;
  GtkSpinButton *limit, *probability;
  const char *project_id;
  StatusWait wait = { fixture, NULL, 4 };

  if (!kontor_test_keys_can_be_sent ())
    {
      g_test_skip ("xdotool is needed to send keys");
      return;
    }

  g_assert_true (kontor_store_create_lead_project (fixture->base.store, project, &error));
  g_assert_no_error (error);
  project_id = kontor_record_get_id (KONTOR_RECORD (project));
  wait.project_id = project_id;
  statuses = list_statuses (fixture, project_id);
  termin = kontor_lead_status_new (project_id, "Termin", 1);
  kontor_lead_status_set_wip_limit (termin, 5);
  kontor_lead_status_set_probability (termin, 40);
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 0)));
  g_ptr_array_add (wanted, g_object_ref (termin));
  g_ptr_array_add (wanted, kontor_lead_status_new (project_id, "Angebot", 2));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 1)));
  g_ptr_array_add (wanted, g_object_ref (g_ptr_array_index (statuses, 2)));
  change = kontor_lead_status_change_new (fixture->base.store, project_id, wanted, "Added");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_clear_object (&termin);
  termin = find_status (fixture, project_id, "Termin");
  angebot = find_status (fixture, project_id, "Angebot");
  anna_entry = add_entry (fixture, project_id, fixture->anna, angebot, 0);
  juergen_entry = add_entry (fixture, project_id, fixture->juergen, angebot, 0);

  kontor_test_settle (100);
  row = gtk_widget_get_ancestor (kontor_test_find_matching (find_sidebar (fixture), label_says,
                                                            "Messe 2027"),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (row, "activate");
  g_assert_true (kontor_test_iterate_until (page_shown, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_page (fixture)),
                                             "lead-project.edit-statuses", NULL));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  kontor_test_focus_window (GTK_WINDOW (dialog));
  /* the system statuses have no delete button */
  g_assert_null (kontor_test_find_matching (
    kontor_test_find_matching (GTK_WIDGET (dialog), is_status_row,
                               kontor_lead_status_get_name (g_ptr_array_index (statuses, 0))),
    is_delete_button, NULL));
  g_assert_nonnull (kontor_test_find_matching (
    kontor_test_find_matching (GTK_WIDGET (dialog), is_status_row, "Termin"),
    is_delete_button, NULL));

  /* Tab from the name of "Termin" to its delete button, Space */
  delete_termin = g_strdup_printf (_("Delete Status “%s”"), "Termin");
  gtk_widget_grab_focus (kontor_test_find_matching (GTK_WIDGET (dialog), is_status_row, "Termin"));
  tab_to_button (dialog, delete_termin);
  kontor_test_press ("space");
  g_assert_null (kontor_test_find_matching (GTK_WIDGET (dialog), is_status_row, "Termin"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));

  /* "Angebot" has two leads: Return says so and it stays */
  delete_angebot = g_strdup_printf (_("Delete Status “%s”"), "Angebot");
  gtk_widget_grab_focus (kontor_test_find_matching (GTK_WIDGET (dialog), is_status_row, "Angebot"));
  tab_to_button (dialog, delete_angebot);
  kontor_test_press ("Return");
  g_assert_nonnull (kontor_test_find_matching (GTK_WIDGET (dialog), is_status_row, "Angebot"));
  refusal = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "“%s” still has %d lead: move it to another status "
                                          "first.",
                                          "“%s” still has %d leads: move them to another status "
                                          "first.",
                                          2),
                             "Angebot", 2);
  message = kontor_test_find_with_class (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, refusal);
  g_assert_true (gtk_widget_get_visible (message));
  /* the button says it before it is pressed too */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (get_focus (dialog)), ==, refusal);
  shoot (GTK_WIDGET (dialog), "lead-statuses-refused.png");

  /* its limit and probability, typed; 150 % is refused by the model */
  expander = kontor_test_find_row (GTK_WIDGET (dialog), "Angebot");
  g_assert_true (ADW_IS_EXPANDER_ROW (expander));
  /* its header row, which Tab reaches as a user's does */
  gtk_widget_grab_focus (kontor_test_find_widget (expander, ADW_TYPE_ACTION_ROW));
  kontor_test_press ("space");
  limit = find_setting (expander, _("Limit of Leads"));
  probability = find_setting (expander, _("Default Probability (%)"));
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, limit,
                                            KONTOR_TEST_TIMEOUT));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (limit)), ==,
                   C_("status setting", "None"));
  gtk_widget_grab_focus (GTK_WIDGET (limit));
  g_assert_true (gtk_widget_is_ancestor (get_focus (dialog), GTK_WIDGET (limit)));
  /* text that is no number is refused in words */
  kontor_test_press ("ctrl+a");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "viele", NULL });
  kontor_test_press ("Tab");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (limit), ==, 0);
  not_number = g_strdup_printf (_("“%s” is not a whole number."), "viele");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, not_number);
  gtk_widget_grab_focus (GTK_WIDGET (limit));
  kontor_test_press ("ctrl+a");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "7", NULL });
  kontor_test_press ("Tab");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (limit), ==, 7);
  gtk_widget_grab_focus (GTK_WIDGET (probability));
  kontor_test_press ("ctrl+a");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "150", NULL });
  kontor_test_press ("Tab");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (probability), ==, -1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   _("A probability is between 0 and 100 percent."));
  shoot (GTK_WIDGET (dialog), "lead-statuses-delete.png");
  gtk_widget_grab_focus (GTK_WIDGET (probability));
  kontor_test_press ("ctrl+a");
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "60", NULL });
  kontor_test_press ("Tab");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (probability), ==, 60);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));

  /* Return in the empty name of a new status saves */
  gtk_widget_grab_focus (kontor_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY));
  kontor_test_press ("Return");
  g_assert_true (kontor_test_iterate_until (n_statuses_is, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_true (kontor_test_iterate_until (angebot_settings_saved, &wait, KONTOR_TEST_TIMEOUT));
  g_assert_null (kontor_store_load (fixture->base.store, KONTOR_TYPE_LEAD_STATUS,
                                    kontor_record_get_id (KONTOR_RECORD (termin)), NULL));

  /* Ctrl+Z: "Termin" again, under its id, in its place, as it was */
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_lead_project_page_focus_list (find_page (fixture));
  kontor_test_press ("ctrl+z");
  wait.n = 5;
  g_assert_true (kontor_test_iterate_until (n_statuses_is, &wait, KONTOR_TEST_TIMEOUT));
  back = kontor_store_load (fixture->base.store, KONTOR_TYPE_LEAD_STATUS,
                            kontor_record_get_id (KONTOR_RECORD (termin)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_lead_status_get_name (back), ==, "Termin");
  g_assert_cmpint (kontor_lead_status_get_position (back), ==, 1);
  g_assert_cmpint (kontor_lead_status_get_wip_limit (back), ==, 5);
  g_assert_cmpint (kontor_lead_status_get_probability (back), ==, 40);
  g_clear_object (&angebot);
  angebot = find_status (fixture, project_id, "Angebot");
  g_assert_cmpint (kontor_lead_status_get_wip_limit (angebot), ==, 0);
  g_assert_cmpint (kontor_lead_status_get_probability (angebot), ==, -1);
}

static gboolean
project_archived (gpointer data)
{
  g_autoptr(GPtrArray) projects = list_projects (data);

  return projects->len == 1 &&
         kontor_lead_project_get_archived (g_ptr_array_index (projects, 0));
}

static gboolean
project_active (gpointer data)
{
  g_autoptr(GPtrArray) projects = list_projects (data);

  return projects->len == 1 &&
         !kontor_lead_project_get_archived (g_ptr_array_index (projects, 0));
}

/* The search by typing (contact or company, case and accents aside), the
 * user filter, and archive with its undo: the row moves to "Archived";
 * a new window shows the project last shown */
static void
test_search_filter_archive (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe 2027");
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(KontorLeadEntry) anna_entry = NULL;
  g_autoptr(KontorLeadEntry) juergen_entry = NULL;
  g_autoptr(KontorUser) other = kontor_user_new ("ben", "Ben Schulz", KONTOR_USER_ROLE_SALES);
  g_autoptr(GError) error = NULL;
  KontorLeadProjectPage *page;
  GtkWidget *row, *search, *archived_list;
  GtkDropDown *users;
  const char *project_id;
  CountWait listed;

  if (!kontor_test_keys_can_be_sent ())
    {
      g_test_skip ("xdotool is needed to send keys");
      return;
    }

  kontor_test_save (fixture->base.store, other);
  g_assert_true (kontor_store_create_lead_project (fixture->base.store, project, &error));
  g_assert_no_error (error);
  project_id = kontor_record_get_id (KONTOR_RECORD (project));
  statuses = list_statuses (fixture, project_id);
  anna_entry = add_entry (fixture, project_id, fixture->anna, g_ptr_array_index (statuses, 0), 0);
  juergen_entry = add_entry (fixture, project_id, fixture->juergen,
                             g_ptr_array_index (statuses, 0), 5000);
  kontor_test_settle (100);
  row = gtk_widget_get_ancestor (kontor_test_find_matching (find_sidebar (fixture), label_says,
                                                            "Messe 2027"),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (row, "activate");
  g_assert_true (kontor_test_iterate_until (page_shown, fixture, KONTOR_TEST_TIMEOUT));
  page = find_page (fixture);
  listed = (CountWait) { kontor_lead_project_page_get_leads (page), 2 };
  g_assert_true (kontor_test_iterate_until (count_is, &listed, KONTOR_TEST_TIMEOUT));

  /* the company's name, typed in lower case */
  search = kontor_test_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  gtk_widget_grab_focus (search);
  kontor_test_xdotool ((const char *[]) { "type", "--delay", "30", "sonnenschein", NULL });
  listed.n_items = 1;
  g_assert_true (kontor_test_iterate_until (count_is, &listed, KONTOR_TEST_TIMEOUT));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  listed.n_items = 2;
  g_assert_true (kontor_test_iterate_until (count_is, &listed, KONTOR_TEST_TIMEOUT));

  /* Ben has none of them; Anna Weber both */
  users = GTK_DROP_DOWN (kontor_test_find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN));
  for (guint i = 1; i < g_list_model_get_n_items (gtk_drop_down_get_model (users)); i++)
    {
      GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (users));

      gtk_drop_down_set_selected (users, i);
      listed.n_items = g_str_equal (gtk_string_list_get_string (names, i), "Anna Weber") ? 2 : 0;
      g_assert_true (kontor_test_iterate_until (count_is, &listed, KONTOR_TEST_TIMEOUT));
    }
  gtk_drop_down_set_selected (users, 0);

  /* archive: the row goes under "Archived"; Ctrl+Z takes it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lead-project.archive", NULL));
  g_assert_true (kontor_test_iterate_until (project_archived, fixture, KONTOR_TEST_TIMEOUT));
  archived_list = kontor_test_find_matching (find_sidebar (fixture), is_labelled,
                                             _("Archived Lead Projects"));
  g_assert_nonnull (archived_list);
  g_assert_true (gtk_widget_get_visible (archived_list));
  g_assert_nonnull (kontor_test_find_matching (archived_list, label_says, "Messe 2027"));
  kontor_lead_project_page_focus_list (page);
  kontor_test_press ("ctrl+z");
  g_assert_true (kontor_test_iterate_until (project_active, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_false (gtk_widget_get_visible (archived_list));

  /* the next start shows the project again, as a section is remembered */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 760);
  g_assert_true (kontor_test_iterate_until (page_shown, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_cmpstr (kontor_lead_project_page_get_project_id (find_page (fixture)), ==, project_id);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new ("io.github.kontor.Kontor.TestLeads");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/leads/project-by-keys", test_project_by_keys);
  ADD ("/ui/leads/delete-empty", test_delete_empty);
  ADD ("/ui/leads/dialog-refuses", test_dialog_refuses);
  ADD ("/ui/leads/edit-statuses", test_edit_statuses);
  ADD ("/ui/leads/delete-status", test_delete_status);
  ADD ("/ui/leads/search-filter-archive", test_search_filter_archive);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
