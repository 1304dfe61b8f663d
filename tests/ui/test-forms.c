/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-forms"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-channels-section.h"
#include "kontor-contact-page.h"
#include "kontor-field-change.h"
#include "kontor-new-contact-dialog.h"
#include "kontor-preferences-window.h"
#include "kontor-shot.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-window.h"

/* The forms driven as a person would, through their actions and widgets
 * (rows found by their titles): the "New Contact" dialog, a contact's page
 * (edit and save, status with confirmation, customer number, archive,
 * delete through the window's action, read-only for viewers) and the
 * customer number preferences.
 * With $KONTOR_SCREENSHOT_DIR set, also renders them light and dark. */

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  GtkWindow          *window;
  KontorWindow       *app_window;   /* for the tests that need the window's actions */
  KontorUser         *viewer;
  KontorCompany      *company;
} Fixture;

static AdwApplication *app;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorUser) seller = kontor_user_new ("anna", "Anna Weber", KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorUser) assistant = kontor_user_new ("ben", "Ben Schulz",
                                                     KONTOR_USER_ROLE_ASSISTANT);
  g_autoptr(KontorTeam) team = kontor_team_new ("Vertrieb Nord");

  kontor_store_fixture_set_up (&fixture->base, data);
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);

  fixture->viewer = kontor_user_new ("carla", "Carla Vogt", KONTOR_USER_ROLE_VIEWER);
  fixture->company = kontor_company_new ("Bäckerei Schulz");
  kontor_test_save (fixture->base.store, seller);
  kontor_test_save (fixture->base.store, assistant);
  kontor_test_save (fixture->base.store, fixture->viewer);
  kontor_test_save (fixture->base.store, team);
  kontor_test_save (fixture->base.store, fixture->company);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 1000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kontor_test_close_message_dialogs ();
  gtk_window_destroy (fixture->window);
  if (fixture->app_window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->app_window));
  kontor_test_settle (10);

  g_clear_object (&fixture->viewer);
  g_clear_object (&fixture->company);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static KontorContact *
make_contact (Fixture             *fixture,
              const char          *first_name,
              const char          *last_name,
              KontorContactStatus  status)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GError) error = NULL;

  kontor_contact_set_first_name (contact, first_name);
  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_set_status (contact, status);
  kontor_contact_add_email (contact, "work", "anna.mueller@example.de");
  kontor_contact_add_phone (contact, "mobile", "+49 170 1234567");
  kontor_contact_set_city (contact, "Berlin");
  kontor_contact_set_company_id (contact,
                                 kontor_record_get_id (KONTOR_RECORD (fixture->company)));
  kontor_test_save (fixture->base.store, contact);

  return kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                            kontor_record_get_id (KONTOR_RECORD (contact)), &error);
}

static KontorContact *
load_contact (Fixture       *fixture,
              KontorContact *contact)
{
  g_autoptr(GError) error = NULL;
  KontorContact *stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                                             kontor_record_get_id (KONTOR_RECORD (contact)),
                                             &error);

  g_assert_no_error (error);

  return stored;
}

static KontorContactPage *
show_page (Fixture       *fixture,
           KontorContact *contact)
{
  GtkWidget *page = kontor_contact_page_new (fixture->context);

  gtk_window_set_child (fixture->window, page);
  gtk_window_present (fixture->window);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));
  kontor_contact_page_set_contact (KONTOR_CONTACT_PAGE (page), contact);

  return KONTOR_CONTACT_PAGE (page);
}

/* The page as the app shows it: in a #KontorWindow, whose actions
 * (win.delete-contact) its menu names */
static KontorContactPage *
show_page_in_window (Fixture       *fixture,
                     KontorContact *contact)
{
  GtkWidget *page;

  fixture->app_window = kontor_window_new (app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->app_window), 900, 1000);
  gtk_window_present (GTK_WINDOW (fixture->app_window));
  kontor_window_show_contact (fixture->app_window, kontor_record_get_id (KONTOR_RECORD (contact)));
  page = kontor_window_get_contact_page (fixture->app_window);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, page,
                                            KONTOR_TEST_TIMEOUT));

  return KONTOR_CONTACT_PAGE (page);
}

static GtkEditable *
find_entry (GtkWidget  *root,
            const char *title)
{
  GtkWidget *row = kontor_test_find_row (root, title);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));

  return GTK_EDITABLE (row);
}

static gboolean
button_sensitive (GtkWidget  *root,
                  const char *label)
{
  GtkWidget *button = kontor_test_find_button (root, label);

  g_assert_nonnull (button);

  return gtk_widget_get_sensitive (button);
}

static gboolean
no_message_dialog (gpointer data)
{
  return kontor_test_find_message_dialog () == NULL;
}

static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  /* what a click on the response's button does: respond, then close */
  adw_message_dialog_response (dialog, response);
  if (kontor_test_find_message_dialog () == dialog)
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (kontor_test_iterate_until (no_message_dialog, NULL, KONTOR_TEST_TIMEOUT));
}

/* ------------------------------------------------------------------------ */
/* New Contact dialog */

/* A label under the dialog's rows: "dim-label" (validator) or "error" */
static GtkWidget *
find_dialog_label (KontorNewContactDialog *dialog,
                   const char             *css_class)
{
  GtkWidget *box = gtk_widget_get_last_child (adw_window_get_content (ADW_WINDOW (dialog)));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class))
        return child;
    }

  g_assert_not_reached ();
}

static KontorNewContactDialog *
show_dialog (Fixture *fixture)
{
  KontorNewContactDialog *dialog;

  gtk_window_present (fixture->window);
  dialog = kontor_new_contact_dialog_new (fixture->window, fixture->context);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, dialog,
                                            KONTOR_TEST_TIMEOUT));

  return dialog;
}

static void
test_dialog_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorNewContactDialog) dialog = show_dialog (fixture);
  GtkWidget *root = GTK_WIDGET (dialog);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Contact");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);
  /* Enter in a field creates */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 kontor_test_find_button (root, "C_reate"));
  g_assert_true (adw_entry_row_get_activates_default (ADW_ENTRY_ROW (find_entry (root, "Phone"))));

  /* nothing typed: Create is off and the dialog says why */
  g_assert_false (button_sensitive (root, "C_reate"));

  gtk_editable_set_text (find_entry (root, "Last Name"), "   ");
  g_assert_false (button_sensitive (root, "C_reate"));

  gtk_editable_set_text (find_entry (root, "Last Name"), "Krüger");
  g_assert_true (button_sensitive (root, "C_reate"));

  gtk_editable_set_text (find_entry (root, "E-mail"), "jana@");
  g_assert_false (button_sensitive (root, "C_reate"));

  gtk_editable_set_text (find_entry (root, "E-mail"), "jana.krueger@example.de");
  g_assert_true (button_sensitive (root, "C_reate"));

  gtk_editable_set_text (find_entry (root, "Phone"), "bald");
  g_assert_false (button_sensitive (root, "C_reate"));
  gtk_editable_set_text (find_entry (root, "Phone"), "030 1234567");
  g_assert_true (button_sensitive (root, "C_reate"));

  /* a company alone is enough */
  gtk_editable_set_text (find_entry (root, "Last Name"), "");
  g_assert_false (button_sensitive (root, "C_reate"));
  gtk_editable_set_text (find_entry (root, "Company"), "Neue Firma GmbH");
  g_assert_true (button_sensitive (root, "C_reate"));

  /* Escape (window.close) closes without storing */
  g_assert_true (gtk_widget_activate_action (root, "window.close", NULL));
  kontor_test_settle (10);
  g_assert_false (gtk_widget_get_visible (root));
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact", NULL), ==, 0);
}

static void
test_dialog_feedback_text (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KontorNewContactDialog) dialog = show_dialog (fixture);
  GtkWidget *root = GTK_WIDGET (dialog);
  GtkWidget *label = find_dialog_label (dialog, "dim-label");

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Enter a name or a company.");
  gtk_editable_set_text (find_entry (root, "First Name"), "Jana");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "");
  gtk_editable_set_text (find_entry (root, "E-mail"), "jana@example");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "“jana@example” is not a valid e-mail address.");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_created_cb (KontorNewContactDialog  *dialog,
               KontorContact           *contact,
               KontorContact          **out)
{
  g_assert_null (*out);
  *out = g_object_ref (contact);
}

static void
test_dialog_creates_contact_and_company (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(KontorNewContactDialog) dialog = show_dialog (fixture);
  g_autoptr(KontorContact) created = NULL;
  g_autoptr(KontorContact) stored = NULL;
  g_autoptr(KontorCompany) company = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *root = GTK_WIDGET (dialog);
  AdwComboRow *status_row;
  guint n_commits = 0;

  gtk_editable_set_text (find_entry (root, "First Name"), " Jana ");
  gtk_editable_set_text (find_entry (root, "Last Name"), "Krüger");
  gtk_editable_set_text (find_entry (root, "Company"), "Neue Firma GmbH");
  gtk_editable_set_text (find_entry (root, "E-mail"), "jana.krueger@example.de");
  gtk_editable_set_text (find_entry (root, "Phone"), "030 1234567");
  status_row = ADW_COMBO_ROW (kontor_test_find_row (root, "Status"));
  g_assert_cmpuint (adw_combo_row_get_selected (status_row), ==, 0);   /* Prospect */
  adw_combo_row_set_selected (status_row, 1);                          /* Customer */

  g_signal_connect (dialog, "created", G_CALLBACK (on_created_cb), &created);
  kontor_test_count_commits (fixture->base.store, &n_commits);
  g_assert_true (gtk_widget_activate_action (root, "dialog.create", NULL));
  kontor_test_stop_counting_commits (fixture->base.store);

  /* one transaction for the new company and the contact */
  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_nonnull (created);
  g_assert_false (gtk_widget_get_visible (root));

  stored = load_contact (fixture, created);
  g_assert_cmpstr (kontor_contact_get_first_name (stored), ==, "Jana");
  g_assert_cmpstr (kontor_contact_get_last_name (stored), ==, "Krüger");
  g_assert_cmpstr (kontor_contact_get_company_name (stored), ==, "Neue Firma GmbH");
  g_assert_cmpstr (kontor_contact_get_primary_email (stored), ==, "jana.krueger@example.de");
  g_assert_cmpstr (kontor_contact_get_primary_phone (stored), ==, "030 1234567");
  g_assert_cmpint (kontor_contact_get_status (stored), ==, KONTOR_CONTACT_STATUS_CUSTOMER);

  company = kontor_store_find_company_by_name (fixture->base.store, "Neue Firma GmbH", &error);
  g_assert_no_error (error);
  g_assert_nonnull (company);
  g_assert_cmpstr (kontor_record_get_id (KONTOR_RECORD (company)), ==,
                   kontor_contact_get_company_id (stored));
}

static void
test_dialog_existing_company (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KontorNewContactDialog) dialog = show_dialog (fixture);
  g_autoptr(KontorContact) created = NULL;
  g_autoptr(KontorContact) stored = NULL;
  GtkWidget *root = GTK_WIDGET (dialog);
  gint64 companies = kontor_test_query_int (fixture->base.store,
                                            "SELECT count(*) FROM company", NULL);

  /* the name typed in other case is the company that exists */
  gtk_editable_set_text (find_entry (root, "Last Name"), "Schulz");
  gtk_editable_set_text (find_entry (root, "Company"), "bäckerei schulz");
  g_signal_connect (dialog, "created", G_CALLBACK (on_created_cb), &created);
  g_assert_true (gtk_widget_activate_action (root, "dialog.create", NULL));

  g_assert_nonnull (created);
  stored = load_contact (fixture, created);
  g_assert_cmpstr (kontor_contact_get_company_id (stored), ==,
                   kontor_record_get_id (KONTOR_RECORD (fixture->company)));
  g_assert_cmpint (kontor_contact_get_status (stored), ==, KONTOR_CONTACT_STATUS_PROSPECT);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM company", NULL), ==,
                   companies);
}

static void
test_dialog_store_failure (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KontorNewContactDialog) dialog = show_dialog (fixture);
  g_autoptr(KontorContact) created = NULL;
  GtkWidget *root = GTK_WIDGET (dialog);
  gint64 companies = kontor_test_query_int (fixture->base.store,
                                            "SELECT count(*) FROM company", NULL);
  GtkWidget *error_label;

  gtk_editable_set_text (find_entry (root, "First Name"), "Jana");
  gtk_editable_set_text (find_entry (root, "Company"), "Noch Eine GmbH");
  g_signal_connect (dialog, "created", G_CALLBACK (on_created_cb), &created);

  /* the database refuses every write, as on a full disk */
  kontor_test_exec (fixture->base.store, "PRAGMA query_only = 1");
  g_assert_true (gtk_widget_activate_action (root, "dialog.create", NULL));
  kontor_test_exec (fixture->base.store, "PRAGMA query_only = 0");

  /* the dialog stays open and says why; nothing was written */
  g_assert_null (created);
  g_assert_true (gtk_widget_get_visible (root));
  error_label = find_dialog_label (dialog, "error");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  g_test_message ("shown: %s", gtk_label_get_label (GTK_LABEL (error_label)));
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact", NULL), ==, 0);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM company", NULL), ==,
                   companies);

  /* typing again takes the message away; then it works */
  gtk_editable_set_text (find_entry (root, "Last Name"), "Krüger");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_activate_action (root, "dialog.create", NULL));
  g_assert_nonnull (created);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM company", NULL), ==,
                   companies + 1);
}

/* ------------------------------------------------------------------------ */
/* Contact page */

static void
test_page_edit_and_save (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorContact) stored = NULL;
  KontorContactPage *page = show_page (fixture, contact);
  const char *id = kontor_record_get_id (KONTOR_RECORD (contact));
  const char *outbox_sql = "SELECT count(*) FROM outbox WHERE entity_id = ?1 AND op = 'update'";
  gint64 updates = kontor_test_query_int (fixture->base.store, outbox_sql, id);

  g_assert_false (kontor_contact_page_get_dirty (page));
  g_assert_false (button_sensitive (GTK_WIDGET (page), "_Save"));
  g_assert_cmpstr (gtk_editable_get_text (find_entry (GTK_WIDGET (page), "First Name")), ==,
                   "Anna");
  g_assert_cmpstr (gtk_editable_get_text (find_entry (GTK_WIDGET (page), "Company")), ==,
                   "Bäckerei Schulz");

  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "Job Title"), "Einkauf");
  g_assert_true (kontor_contact_page_get_dirty (page));
  g_assert_true (button_sensitive (GTK_WIDGET (page), "_Save"));

  /* typing the old value back is no change */
  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "City"), "Hamburg");
  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "City"), "Berlin");
  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "Job Title"), "");
  g_assert_false (kontor_contact_page_get_dirty (page));

  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "Job Title"), "Einkauf");
  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "City"), "Hamburg ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.save", NULL));

  g_assert_false (kontor_contact_page_get_dirty (page));
  g_assert_false (button_sensitive (GTK_WIDGET (page), "_Save"));
  /* exactly the two fields changed, one outbox entry each */
  g_assert_cmpint (kontor_test_query_int (fixture->base.store, outbox_sql, id), ==, updates + 2);
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM outbox "
                                          "WHERE entity_id = ?1 AND op = 'update' "
                                          "AND field IN ('job_title', 'city')", id), ==, 2);

  stored = load_contact (fixture, contact);
  g_assert_cmpstr (kontor_contact_get_job_title (stored), ==, "Einkauf");
  g_assert_cmpstr (kontor_contact_get_city (stored), ==, "Hamburg");
  g_assert_cmpstr (kontor_contact_get_first_name (stored), ==, "Anna");
}

static void
test_page_channels (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorContact) stored = NULL;
  KontorContactPage *page = show_page (fixture, contact);
  GtkWidget *email_row;
  GPtrArray *emails;

  /* the existing address is a row titled by its label */
  email_row = kontor_test_find_row (GTK_WIDGET (page), "Work");
  g_assert_nonnull (email_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "anna.mueller@example.de");
  g_assert_nonnull (kontor_test_find_row (GTK_WIDGET (page), "Mobile"));

  /* an empty new row changes nothing (the action is the channels section's) */
  g_assert_true (gtk_widget_activate_action (kontor_test_find_widget (GTK_WIDGET (page),
                                                                      KONTOR_TYPE_CHANNELS_SECTION),
                                             "channels.add-email", NULL));
  g_assert_false (kontor_contact_page_get_dirty (page));

  /* a wrong address: marked, said, not savable */
  gtk_editable_set_text (GTK_EDITABLE (email_row), "anna.mueller@");
  g_assert_true (kontor_contact_page_get_dirty (page));
  g_assert_true (gtk_widget_has_css_class (email_row, "error"));
  g_assert_false (button_sensitive (GTK_WIDGET (page), "_Save"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (email_row));

  gtk_editable_set_text (GTK_EDITABLE (email_row), "anna@mueller.example");
  g_assert_false (gtk_widget_has_css_class (email_row, "error"));
  g_assert_true (button_sensitive (GTK_WIDGET (page), "_Save"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.save", NULL));
  g_assert_false (kontor_contact_page_get_dirty (page));

  stored = load_contact (fixture, contact);
  emails = kontor_contact_get_emails (stored);
  g_assert_cmpuint (emails->len, ==, 1);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (emails, 0))->value, ==,
                   "anna@mueller.example");
}

static gboolean
toggle_active (GtkWidget  *page,
               const char *label)
{
  GtkWidget *button = kontor_test_find_button (page, label);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
}

static void
test_page_status_asks_before_customer (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorContact) stored = NULL;
  KontorContactPage *page = show_page (fixture, contact);
  g_autofree char *status = NULL;
  AdwMessageDialog *dialog;

  g_object_get (page, "status", &status, NULL);
  g_assert_cmpstr (status, ==, "prospect");

  /* Prospect → Customer asks first; Cancel keeps the prospect */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.status", "s", "customer"));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Make “Anna Müller” a Customer?");
  answer_dialog (dialog, "cancel");
  stored = load_contact (fixture, contact);
  g_assert_cmpint (kontor_contact_get_status (stored), ==, KONTOR_CONTACT_STATUS_PROSPECT);
  g_clear_object (&stored);
  /* the status buttons still show the prospect */
  g_assert_true (toggle_active (GTK_WIDGET (page), "Prospect"));
  g_assert_false (toggle_active (GTK_WIDGET (page), "Customer"));

  /* the same with a click on the button */
  g_signal_emit_by_name (kontor_test_find_button (GTK_WIDGET (page), "Customer"), "clicked");
  answer_dialog (kontor_test_wait_for_message_dialog (), "cancel");
  g_assert_true (toggle_active (GTK_WIDGET (page), "Prospect"));
  g_assert_false (toggle_active (GTK_WIDGET (page), "Customer"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.status", "s", "customer"));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  answer_dialog (dialog, "customer");

  stored = load_contact (fixture, contact);
  g_assert_cmpint (kontor_contact_get_status (stored), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  g_clear_pointer (&status, g_free);
  g_object_get (page, "status", &status, NULL);
  g_assert_cmpstr (status, ==, "customer");
  g_assert_true (toggle_active (GTK_WIDGET (page), "Customer"));
  g_assert_false (toggle_active (GTK_WIDGET (page), "Prospect"));
  g_clear_object (&stored);

  /* Customer → Prospect is done at once */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.status", "s", "prospect"));
  g_assert_null (kontor_test_find_message_dialog ());
  stored = load_contact (fixture, contact);
  g_assert_cmpint (kontor_contact_get_status (stored), ==, KONTOR_CONTACT_STATUS_PROSPECT);
}

static void
test_page_status_keeps_typing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_CUSTOMER);
  g_autoptr(KontorContact) stored = NULL;
  KontorContactPage *page = show_page (fixture, contact);

  /* a status change while typing neither loses nor saves what is typed */
  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "Street"), "Hauptstraße 1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.status", "s", "prospect"));
  g_assert_true (kontor_contact_page_get_dirty (page));
  g_assert_cmpstr (gtk_editable_get_text (find_entry (GTK_WIDGET (page), "Street")), ==,
                   "Hauptstraße 1");

  stored = load_contact (fixture, contact);
  g_assert_cmpint (kontor_contact_get_status (stored), ==, KONTOR_CONTACT_STATUS_PROSPECT);
  g_assert_null (kontor_contact_get_street (stored));
  g_clear_object (&stored);

  /* saving then keeps the status changed meanwhile */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.save", NULL));
  stored = load_contact (fixture, contact);
  g_assert_cmpint (kontor_contact_get_status (stored), ==, KONTOR_CONTACT_STATUS_PROSPECT);
  g_assert_cmpstr (kontor_contact_get_street (stored), ==, "Hauptstraße 1");
}

static void
test_page_follows_store (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorFieldChange) change = NULL;
  g_autoptr(GError) error = NULL;
  KontorContactPage *page = show_page (fixture, contact);

  /* changed elsewhere while not dirty: shown */
  change = kontor_field_change_new (fixture->base.store, KONTOR_RECORD (contact), NULL);
  kontor_field_change_set_string (change, KONTOR_CONTACT_FIELD_CITY, "München");
  g_assert_true (kontor_operation_apply (KONTOR_OPERATION (change), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_editable_get_text (find_entry (GTK_WIDGET (page), "City")), ==, "München");
  g_assert_false (kontor_contact_page_get_dirty (page));
}

static void
test_page_generate_number (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_CUSTOMER);
  g_autoptr(KontorContact) stored = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *expected = g_strdup_printf ("K-%d-00001", g_date_time_get_year (now));
  KontorContactPage *page = show_page (fixture, contact);

  g_assert_true (button_sensitive (GTK_WIDGET (page), "_Generate Number"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.generate-number", NULL));

  g_assert_cmpstr (gtk_editable_get_text (find_entry (GTK_WIDGET (page), "Customer Number")), ==,
                   expected);
  g_assert_false (kontor_contact_page_get_dirty (page));
  /* a number is there: no second one */
  g_assert_false (button_sensitive (GTK_WIDGET (page), "_Generate Number"));

  stored = load_contact (fixture, contact);
  g_assert_cmpstr (kontor_contact_get_customer_number (stored), ==, expected);
}

static void
test_page_duplicate_number (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KontorContact) other = make_contact (fixture, "Ben", "Schulz",
                                                 KONTOR_CONTACT_STATUS_CUSTOMER);
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_CUSTOMER);
  g_autoptr(KontorContact) stored = NULL;
  KontorContactPage *page;
  AdwMessageDialog *dialog;

  kontor_contact_set_customer_number (other, "K-42");
  kontor_test_save (fixture->base.store, other);

  page = show_page (fixture, contact);
  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "Customer Number"), "K-42");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.save", NULL));

  /* refused, with the other contact named; the typing stays */
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Ben Schulz"));
  answer_dialog (dialog, "close");
  g_assert_true (kontor_contact_page_get_dirty (page));
  stored = load_contact (fixture, contact);
  g_assert_null (kontor_contact_get_customer_number (stored));
}

static gboolean
revealer_shows (GtkWidget *page)
{
  GtkWidget *button = kontor_test_find_button (page, "_Make Active");
  GtkWidget *revealer;

  g_assert_nonnull (button);
  revealer = gtk_widget_get_ancestor (button, GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static void
test_page_archive_and_make_active (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_CUSTOMER);
  g_autoptr(KontorContact) stored = NULL;
  KontorContactPage *page = show_page (fixture, contact);

  g_assert_false (revealer_shows (GTK_WIDGET (page)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.archive", NULL));
  stored = load_contact (fixture, contact);
  g_assert_cmpint (kontor_contact_get_status (stored), ==, KONTOR_CONTACT_STATUS_ARCHIVED);
  g_assert_cmpint (kontor_contact_get_previous_status (stored), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  g_clear_object (&stored);

  /* restricted: said so; the pipeline status cannot change */
  g_assert_true (revealer_shows (GTK_WIDGET (page)));
  g_assert_false (gtk_widget_get_sensitive (kontor_test_find_row (GTK_WIDGET (page),
                                                                  "Pipeline Status")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.make-active", NULL));
  stored = load_contact (fixture, contact);
  g_assert_cmpint (kontor_contact_get_status (stored), ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  g_assert_false (revealer_shows (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_get_sensitive (kontor_test_find_row (GTK_WIDGET (page),
                                                                 "Pipeline Status")));
}

/* The target of the first item of @menu (or its sections) with @action */
static char *
dup_menu_target (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GVariant) target = NULL;

      if (section != NULL)
        {
          char *found = dup_menu_target (section, action);

          if (found != NULL)
            return found;
          continue;
        }

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) ||
          !g_str_equal (name, action))
        continue;
      target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                      G_VARIANT_TYPE_STRING);
      return target != NULL ? g_variant_dup_string (target, NULL) : g_strdup ("");
    }

  return NULL;
}

/* What choosing the page menu's item for @action does: activates it with
 * the item's target, from the menu button */
static gboolean
activate_menu_item (KontorContactPage *page,
                    const char        *action)
{
  GtkWidget *menu_button = kontor_test_find_widget (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON);
  g_autofree char *target = NULL;

  target = dup_menu_target (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                            action);
  g_assert_nonnull (target);

  return gtk_widget_activate_action (menu_button, action, "s", target);
}

/* The item of the page's open menu that reads @text, or %NULL */
static GtkWidget *
find_menu_label (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether the page menu's Delete item can be chosen: the menu item
 * follows the enabled state of the action it names */
static gboolean
delete_item_sensitive (KontorContactPage *page)
{
  GtkMenuButton *menu_button = GTK_MENU_BUTTON (kontor_test_find_widget (GTK_WIDGET (page),
                                                                         GTK_TYPE_MENU_BUTTON));
  GtkWidget *item;
  gboolean sensitive;

  gtk_menu_button_popup (menu_button);
  item = find_menu_label (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)), "Delete…");
  g_assert_nonnull (item);
  sensitive = gtk_widget_is_sensitive (item);
  gtk_menu_button_popdown (menu_button);

  return sensitive;
}

static void
test_page_delete_asks (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorContact) stored = NULL;
  g_autoptr(GError) error = NULL;
  KontorContactPage *page = show_page_in_window (fixture, contact);
  AdwMessageDialog *dialog;
  GtkMenuButton *menu_button;
  GtkWidget *stack;
  g_autofree char *target = NULL;

  /* the menu's Delete is the window's one action for that, with the id */
  menu_button = GTK_MENU_BUTTON (kontor_test_find_widget (GTK_WIDGET (page),
                                                          GTK_TYPE_MENU_BUTTON));
  target = dup_menu_target (gtk_menu_button_get_menu_model (menu_button), "win.delete-contact");
  g_assert_cmpstr (target, ==, kontor_record_get_id (KONTOR_RECORD (contact)));
  g_assert_true (delete_item_sensitive (page));

  g_assert_true (activate_menu_item (page, "win.delete-contact"));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Anna Müller”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  answer_dialog (dialog, "cancel");
  stored = load_contact (fixture, contact);
  g_assert_nonnull (stored);
  g_clear_object (&stored);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

  g_assert_true (activate_menu_item (page, "win.delete-contact"));
  answer_dialog (kontor_test_wait_for_message_dialog (), "delete");

  stored = kontor_store_load (fixture->base.store, KONTOR_TYPE_CONTACT,
                              kontor_record_get_id (KONTOR_RECORD (contact)), &error);
  g_assert_error (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND);
  g_assert_null (stored);
  /* the page learns it from the store; the window shows the table */
  g_assert_null (kontor_contact_page_get_contact (page));
  stack = gtk_widget_get_parent (GTK_WIDGET (page));
  g_assert_true (GTK_IS_STACK (stack));
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (stack)) ==
                 kontor_window_get_workspace (fixture->app_window));
}

static void
test_page_back_asks_when_dirty (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorContact) stored = NULL;
  KontorContactPage *page = show_page (fixture, contact);
  AdwMessageDialog *dialog;

  /* nothing changed: back goes without a question */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.back", NULL));
  g_assert_null (kontor_test_find_message_dialog ());

  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "Country"), "Deutschland");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.back", NULL));
  dialog = kontor_test_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  answer_dialog (dialog, "cancel");
  g_assert_true (kontor_contact_page_get_dirty (page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.back", NULL));
  answer_dialog (kontor_test_wait_for_message_dialog (), "discard");
  g_assert_false (kontor_contact_page_get_dirty (page));
  g_assert_cmpstr (gtk_editable_get_text (find_entry (GTK_WIDGET (page), "Country")), ==, "");

  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "Country"), "Österreich");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.back", NULL));
  answer_dialog (kontor_test_wait_for_message_dialog (), "save");
  g_assert_false (kontor_contact_page_get_dirty (page));
  stored = load_contact (fixture, contact);
  g_assert_cmpstr (kontor_contact_get_country (stored), ==, "Österreich");
}

static void
test_page_new_company (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorContact) stored = NULL;
  KontorContactPage *page = show_page (fixture, contact);
  gint64 companies = kontor_test_query_int (fixture->base.store,
                                            "SELECT count(*) FROM company", NULL);

  /* Firmenwechsel to a company nobody has yet */
  gtk_editable_set_text (find_entry (GTK_WIDGET (page), "Company"), "Konditorei Meyer");
  g_assert_true (kontor_contact_page_get_dirty (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.save", NULL));
  g_assert_false (kontor_contact_page_get_dirty (page));

  stored = load_contact (fixture, contact);
  g_assert_cmpstr (kontor_contact_get_company_name (stored), ==, "Konditorei Meyer");
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM company", NULL), ==,
                   companies + 1);
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (data));
}

static void
test_page_company_completion (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KontorCompany) other = kontor_company_new ("Schulz & Söhne KG");
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(KontorContact) stored = NULL;
  KontorContactPage *page;
  GtkEditable *company;
  GtkWidget *popover;
  GtkListBox *list;
  GtkListBoxRow *row;
  gint64 companies;

  kontor_test_save (fixture->base.store, other);
  contact = make_contact (fixture, "Anna", "Müller", KONTOR_CONTACT_STATUS_PROSPECT);
  companies = kontor_test_query_int (fixture->base.store, "SELECT count(*) FROM company", NULL);
  page = show_page (fixture, contact);
  company = find_entry (GTK_WIDGET (page), "Company");
  popover = kontor_test_find_widget (GTK_WIDGET (company), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);

  /* Under Xvfb without a window manager, GDK learns where the window is a
   * moment after it is mapped; a popover needs that. */
  kontor_test_settle (300);

  /* typing in the entry offers the companies whose name contains it */
  gtk_widget_grab_focus (GTK_WIDGET (company));
  gtk_editable_set_text (company, "schulz");
  g_assert_true (kontor_test_iterate_until (popover_shown, popover, KONTOR_TEST_TIMEOUT));
  list = GTK_LIST_BOX (kontor_test_find_widget (popover, GTK_TYPE_LIST_BOX));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));

  /* choosing one puts its name in the entry */
  row = gtk_list_box_get_row_at_index (list, 1);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (gtk_editable_get_text (company), ==, "Schulz & Söhne KG");
  g_assert_false (gtk_widget_get_visible (popover));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contact.save", NULL));
  stored = load_contact (fixture, contact);
  g_assert_cmpstr (kontor_contact_get_company_id (stored), ==,
                   kontor_record_get_id (KONTOR_RECORD (other)));
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM company", NULL), ==,
                   companies);
}

static void
test_page_read_only_for_viewers (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(GError) error = NULL;
  KontorContactPage *page;

  g_assert_true (kontor_store_set_current_user (fixture->base.store, fixture->viewer, &error));
  g_assert_no_error (error);
  page = show_page_in_window (fixture, contact);

  g_assert_false (gtk_editable_get_editable (find_entry (GTK_WIDGET (page), "First Name")));
  g_assert_cmpstr (gtk_editable_get_text (find_entry (GTK_WIDGET (page), "First Name")), ==,
                   "Anna");
  g_assert_false (gtk_widget_get_sensitive (kontor_test_find_row (GTK_WIDGET (page),
                                                                  "Salutation")));
  g_assert_false (button_sensitive (GTK_WIDGET (page), "_Generate Number"));
  g_assert_false (gtk_widget_get_visible (kontor_test_find_row (GTK_WIDGET (page),
                                                                "Add E-mail Address")));

  /* actions do nothing */
  gtk_widget_activate_action (GTK_WIDGET (page), "contact.status", "s", "archived");
  /* a viewer cannot choose Delete, and the action does nothing for them */
  g_assert_false (delete_item_sensitive (page));
  activate_menu_item (page, "win.delete-contact");
  kontor_test_settle (50);
  g_assert_null (kontor_test_find_message_dialog ());
  g_assert_cmpint (kontor_test_query_int (fixture->base.store,
                                          "SELECT count(*) FROM contact WHERE status = 1",
                                          NULL), ==, 1);
}

/* ------------------------------------------------------------------------ */
/* Preferences */

static void
test_preferences_number_range (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWindow *window = kontor_preferences_window_new (fixture->window, fixture->context);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  KontorNumberRange range = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *long_prefix = NULL;
  GtkWidget *digits_row;
  GtkWidget *preview_row;
  GtkSpinButton *digits;
  GtkLabel *preview;
  GtkEditable *prefix;

  gtk_window_present (fixture->window);
  gtk_window_present (window);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, window,
                                            KONTOR_TEST_TIMEOUT));

  digits_row = kontor_test_find_row (GTK_WIDGET (window), "Digits");
  preview_row = kontor_test_find_row (GTK_WIDGET (window), "Next Customer Number");
  g_assert_nonnull (digits_row);
  g_assert_nonnull (preview_row);
  digits = GTK_SPIN_BUTTON (kontor_test_find_widget (digits_row, GTK_TYPE_SPIN_BUTTON));
  preview = GTK_LABEL (gtk_widget_get_last_child (gtk_widget_get_last_child (
    gtk_widget_get_first_child (preview_row))));
  g_assert_true (GTK_IS_LABEL (preview));

  expected = g_strdup_printf ("K-%d-00001", g_date_time_get_year (now));
  g_assert_cmpstr (gtk_label_get_label (preview), ==, expected);

  gtk_spin_button_set_value (digits, 3);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("K-%d-001", g_date_time_get_year (now));
  g_assert_cmpstr (gtk_label_get_label (preview), ==, expected);

  g_assert_true (kontor_store_get_number_range (fixture->base.store, &range, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (range.padding, ==, 3);
  kontor_number_range_clear (&range);

  /* the prefix is stored when applied */
  prefix = find_entry (GTK_WIDGET (window), "Prefix");
  gtk_editable_set_text (prefix, "KD-");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("KD-%d-001", g_date_time_get_year (now));
  g_assert_cmpstr (gtk_label_get_label (preview), ==, expected);
  g_signal_emit_by_name (prefix, "apply");
  g_assert_true (kontor_store_get_number_range (fixture->base.store, &range, &error));
  g_assert_cmpstr (range.prefix, ==, "KD-");
  kontor_number_range_clear (&range);

  /* what the store refuses is not stored, and the stored range is shown */
  long_prefix = g_strnfill (30, 'X');
  gtk_editable_set_text (prefix, long_prefix);
  g_signal_emit_by_name (prefix, "apply");
  g_assert_true (kontor_store_get_number_range (fixture->base.store, &range, &error));
  g_assert_cmpstr (range.prefix, ==, "KD-");
  kontor_number_range_clear (&range);
  g_assert_cmpstr (gtk_editable_get_text (prefix), ==, "KD-");

  /* year: two digits */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kontor_test_find_row (GTK_WIDGET (window), "Year")),
                              KONTOR_YEAR_FORMAT_SHORT);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("KD-%02d-001", g_date_time_get_year (now) % 100);
  g_assert_cmpstr (gtk_label_get_label (preview), ==, expected);

  gtk_window_destroy (window);
}

/* ------------------------------------------------------------------------ */
/* Accessibility */

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_ARCHIVED);
  KontorContactPage *page = show_page (fixture, contact);
  g_autoptr(KontorNewContactDialog) dialog = NULL;
  GtkWindow *preferences;

  /* a new phone row: its label drop-down and remove button are named too */
  g_assert_true (gtk_widget_activate_action (kontor_test_find_widget (GTK_WIDGET (page),
                                                                      KONTOR_TYPE_CHANNELS_SECTION),
                                             "channels.add-phone", NULL));
  kontor_test_assert_accessible (GTK_WIDGET (fixture->window));

  dialog = show_dialog (fixture);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  preferences = kontor_preferences_window_new (fixture->window, fixture->context);
  gtk_window_present (preferences);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, preferences,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_assert_accessible (GTK_WIDGET (preferences));
  gtk_window_destroy (preferences);
}

/* ------------------------------------------------------------------------ */
/* Screenshots for a person to look at */

static void
shoot (GtkWidget  *widget,
       const char *name,
       const char *style)
{
  const char *language = g_getenv ("KONTOR_SCREENSHOT_LANGUAGE");
  g_autofree char *file = g_strdup_printf ("forms-%s-%s-%s.png", name,
                                           language != NULL ? language : "en", style);
  g_autofree char *path = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"), file, NULL);

  kontor_test_settle (400);
  kontor_test_take_screenshot (widget, path);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct { const char *name; AdwColorScheme scheme; } styles[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };
  g_autoptr(KontorContact) contact = make_contact (fixture, "Anna", "Müller",
                                                   KONTOR_CONTACT_STATUS_PROSPECT);
  g_autoptr(KontorContact) archived = make_contact (fixture, "Ben", "Schulz",
                                                    KONTOR_CONTACT_STATUS_ARCHIVED);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  KontorContactPage *page;

  kontor_contact_set_title (contact, "Dr.");
  kontor_contact_set_job_title (contact, "Leiterin Einkauf");
  kontor_contact_set_salutation (contact, KONTOR_SALUTATION_MS);
  kontor_contact_set_birthday (contact, "1984-03-12");
  kontor_contact_set_street (contact, "Friedrichstraße 12");
  kontor_contact_set_postal_code (contact, "10117");
  kontor_contact_set_notes (contact, "Bestellt jeden Montag Brötchen für das Büro. "
                                     "Möchte vor Ostern ein Angebot für Torten.");
  kontor_contact_add_email (contact, "home", "anna@example.org");
  kontor_test_save (fixture->base.store, contact);

  gtk_window_set_default_size (fixture->window, 1000, 2200);
  page = show_page (fixture, contact);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      KontorNewContactDialog *dialog;
      GtkWindow *preferences;
      GtkEditable *home;
      GtkEditable *company;
      GtkWidget *popover;

      adw_style_manager_set_color_scheme (style_manager, styles[i].scheme);

      kontor_contact_page_set_contact (page, contact);
      shoot (GTK_WIDGET (fixture->window), "contact", styles[i].name);

      /* rows found by their titles in the language shown */
      home = find_entry (GTK_WIDGET (page), kontor_channel_label_to_string ("home"));
      gtk_editable_set_text (home, "anna@");
      shoot (GTK_WIDGET (fixture->window), "contact-invalid", styles[i].name);
      gtk_editable_set_text (home, "anna@example.org");

      /* the completion's popover opens within the screen: GTK 4.8 finds
       * no monitor for one below it (the page is taller than the screen,
       * and the activities come before the company): a window of the
       * screen's height, scrolled to the focused row */
      gtk_window_set_default_size (fixture->window, 1000, 760);
      kontor_test_settle (300);
      company = find_entry (GTK_WIDGET (page), _("Company"));
      gtk_widget_grab_focus (GTK_WIDGET (company));
      kontor_test_settle (200);
      gtk_editable_set_text (company, "Bäck");
      popover = kontor_test_find_widget (GTK_WIDGET (company), GTK_TYPE_POPOVER);
      if (gtk_widget_get_visible (popover))
        shoot (popover, "company-completion", styles[i].name);
      gtk_editable_set_text (company, "Bäckerei Schulz");
      gtk_window_set_default_size (fixture->window, 1000, 2200);
      kontor_test_settle (300);

      kontor_contact_page_set_contact (page, archived);
      shoot (GTK_WIDGET (fixture->window), "contact-archived", styles[i].name);

      dialog = kontor_new_contact_dialog_new (fixture->window, fixture->context);
      gtk_window_present (GTK_WINDOW (dialog));
      g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, dialog,
                                                KONTOR_TEST_TIMEOUT));
      shoot (GTK_WIDGET (dialog), "new-contact-empty", styles[i].name);
      gtk_editable_set_text (find_entry (GTK_WIDGET (dialog), _("First Name")), "Jana");
      gtk_editable_set_text (find_entry (GTK_WIDGET (dialog), _("Last Name")), "Krüger");
      gtk_editable_set_text (find_entry (GTK_WIDGET (dialog), _("E-mail")), "jana@example");
      shoot (GTK_WIDGET (dialog), "new-contact", styles[i].name);
      gtk_window_destroy (GTK_WINDOW (dialog));

      preferences = kontor_preferences_window_new (fixture->window, fixture->context);
      gtk_window_present (preferences);
      g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, preferences,
                                                KONTOR_TEST_TIMEOUT));
      shoot (GTK_WIDGET (preferences), "preferences", styles[i].name);
      gtk_window_destroy (preferences);

      kontor_contact_page_set_contact (page, contact);
      gtk_widget_activate_action (GTK_WIDGET (page), "contact.status", "s", "customer");
      shoot (GTK_WIDGET (kontor_test_wait_for_message_dialog ()), "confirm-customer",
             styles[i].name);
      answer_dialog (kontor_test_find_message_dialog (), "cancel");
    }

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* ------------------------------------------------------------------------ */

#define ADD(path, func) \
  g_test_add ("/forms/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  app = kontor_test_app_new (APP_ID ".TestForms");

  ADD ("new-contact/validation", test_dialog_validation);
  ADD ("new-contact/feedback-text", test_dialog_feedback_text);
  ADD ("new-contact/creates-contact-and-company", test_dialog_creates_contact_and_company);
  ADD ("new-contact/existing-company", test_dialog_existing_company);
  ADD ("new-contact/store-failure-writes-nothing", test_dialog_store_failure);
  ADD ("contact-page/edit-and-save", test_page_edit_and_save);
  ADD ("contact-page/e-mail-and-phone-rows", test_page_channels);
  ADD ("contact-page/status-asks-before-customer", test_page_status_asks_before_customer);
  ADD ("contact-page/status-keeps-typing", test_page_status_keeps_typing);
  ADD ("contact-page/follows-store", test_page_follows_store);
  ADD ("contact-page/generate-number", test_page_generate_number);
  ADD ("contact-page/duplicate-number-refused", test_page_duplicate_number);
  ADD ("contact-page/archive-and-make-active", test_page_archive_and_make_active);
  ADD ("contact-page/delete-asks", test_page_delete_asks);
  ADD ("contact-page/back-asks-when-dirty", test_page_back_asks_when_dirty);
  ADD ("contact-page/new-company", test_page_new_company);
  ADD ("contact-page/company-completion", test_page_company_completion);
  ADD ("contact-page/read-only-for-viewers", test_page_read_only_for_viewers);
  ADD ("preferences/number-range", test_preferences_number_range);
  ADD ("accessible-names", test_accessible_names);
  /* only the forms-screenshots-LL runs render (tests/ui/meson.build) */
  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    ADD ("screenshots", test_screenshots);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
