/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-contacts-export-ui"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-contacts-view.h"
#include "kontor-csv-mapping.h"
#include "kontor-export-dialog.h"
#include "kontor-shot.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-vcard.h"
#include "kontor-window.h"

/* The export of contacts (features I4, X3; src/ui/kontor-export-dialog.c):
 * the contacts selected in the table (Ctrl+A), from the selection bar's
 * Export button, as CSV (both presets) and as vCard 4.0 and 3.0, read
 * back by the import's readers to the same names, addresses, numbers,
 * birthdays and companies; the main menu's dialog asks for a file with
 * GTK's own chooser; a name Windows-1252 cannot write is refused with a
 * message naming the file, and the file that was there stays. */

static AdwApplication *app;

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  KontorWindow       *window;
  GPtrArray          *contacts;   /* KontorContact, as stored */
  char               *folder;
} Fixture;

static void
add_contact (Fixture    *fixture,
             const char *first,
             const char *last,
             const char *email,
             const char *phone,
             const char *birthday,
             const char *company)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();

  kontor_contact_set_first_name (contact, first);
  kontor_contact_set_last_name (contact, last);
  kontor_contact_add_email (contact, "work", email);
  if (phone != NULL)
    kontor_contact_add_phone (contact, "mobile", phone);
  kontor_contact_set_birthday (contact, birthday);
  kontor_contact_set_company_name (contact, company);
  kontor_contact_set_city (contact, "Köln");
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_test_save (fixture->base.store, contact);
  g_ptr_array_add (fixture->contacts, g_object_ref (contact));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kontor_store_fixture_set_up (&fixture->base, NULL);
  fixture->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  add_contact (fixture, "Anna", "Müller", "anna@example.com", "+49 170 1234567", "1980-04-15",
               "Bäckerei Sonnenschein GmbH");
  add_contact (fixture, "Jörg", "Straßer", "joerg@example.com", NULL, NULL, NULL);
  add_contact (fixture, "Chloé", "Dupont; \"Chef\"", "chloe@example.com", "+33 1 23 45 67 89",
               "1975-12-01", "Dupont, Fils & Cie");

  fixture->folder = kontor_test_make_tmpdir ();
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);
  fixture->window = kontor_test_present_window (app, fixture->context, 1100, 860);
  kontor_test_settle (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                                  KONTOR_TYPE_EXPORT_DIALOG);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  kontor_test_close_message_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kontor_test_settle (50);
  g_clear_pointer (&fixture->contacts, g_ptr_array_unref);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_test_rmdir (fixture->folder);
  g_free (fixture->folder);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static gboolean
dialog_is_shown (gpointer data)
{
  Fixture *fixture = data;

  return kontor_test_find_transient (GTK_WINDOW (fixture->window),
                                     KONTOR_TYPE_EXPORT_DIALOG) != NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  return !dialog_is_shown (data);
}

static KontorExportDialog *
wait_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  g_assert_true (kontor_test_iterate_until (dialog_is_shown, fixture, KONTOR_TEST_TIMEOUT));
  dialog = kontor_test_find_transient (GTK_WINDOW (fixture->window), KONTOR_TYPE_EXPORT_DIALOG);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, dialog,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (200);

  return KONTOR_EXPORT_DIALOG (dialog);
}

/* Ctrl+A in the table, then the selection bar's Export button */
static KontorExportDialog *
open_for_selection (Fixture *fixture)
{
  KontorContactsView *view =
    KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  GtkWidget *button;

  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)),
                            fixture->contacts->len);
  kontor_test_focus_window (GTK_WINDOW (fixture->window));
  kontor_contacts_view_focus_table (view);
  kontor_test_settle (100);
  kontor_test_press ("ctrl+a");
  kontor_test_settle (200);
  g_assert_cmpuint (kontor_contacts_view_get_n_selected (view), ==, fixture->contacts->len);

  button = kontor_test_find_actionable (GTK_WIDGET (fixture->window), "win.export-contacts");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_grab_focus (button);
  kontor_test_settle (100);
  kontor_test_press ("space");

  return wait_dialog (fixture);
}

static GFile *
export (Fixture            *fixture,
        KontorExportFormat  format,
        const char         *name)
{
  KontorExportDialog *dialog = open_for_selection (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  GFile *file = g_file_new_for_path (path);

  kontor_export_dialog_set_format (dialog, format);
  kontor_export_dialog_export_to (dialog, file);
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_true (g_file_query_exists (file, NULL));

  return file;
}

static void
assert_same (KontorContact *stored,
             KontorContact *read)
{
  g_assert_cmpstr (kontor_contact_get_first_name (read), ==,
                   kontor_contact_get_first_name (stored));
  g_assert_cmpstr (kontor_contact_get_last_name (read), ==,
                   kontor_contact_get_last_name (stored));
  g_assert_cmpstr (kontor_contact_get_primary_email (read), ==,
                   kontor_contact_get_primary_email (stored));
  g_assert_cmpstr (kontor_contact_get_primary_phone (read), ==,
                   kontor_contact_get_primary_phone (stored));
  g_assert_cmpstr (kontor_contact_get_birthday (read), ==,
                   kontor_contact_get_birthday (stored));
  g_assert_cmpstr (kontor_contact_get_company_name (read), ==,
                   kontor_contact_get_company_name (stored));
  g_assert_cmpstr (kontor_contact_get_city (read), ==, kontor_contact_get_city (stored));
}

static KontorContact *
find_stored (Fixture       *fixture,
             KontorContact *read)
{
  for (guint i = 0; i < fixture->contacts->len; i++)
    {
      KontorContact *stored = g_ptr_array_index (fixture->contacts, i);

      if (g_strcmp0 (kontor_contact_get_primary_email (stored),
                     kontor_contact_get_primary_email (read)) == 0)
        return stored;
    }
  g_error ("%s (%s) was not exported", kontor_contact_get_primary_email (read), kontor_contact_get_first_name (read));
}

static void
assert_source_equal (Fixture            *fixture,
                     KontorImportSource *source)
{
  guint n = 0;
  guint line = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KontorContact) read = kontor_import_source_next (source, &line, &error);

      g_assert_no_error (error);
      if (read == NULL)
        break;
      assert_same (find_stored (fixture, read), read);
      n++;
    }
  g_assert_cmpuint (n, ==, fixture->contacts->len);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  KontorExportFormat format = GPOINTER_TO_INT (data);
  g_autoptr(GFile) file = export (fixture, format, "kontakte.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorCsvReader) reader = NULL;
  g_autoptr(KontorCsvMapping) mapping = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_auto(GStrv) header = NULL;
  guint line = 0;

    {
      g_autofree char *text = NULL;

      g_file_load_contents (file, NULL, &text, NULL, NULL, NULL);
      g_test_message ("%s", text);
    }
  reader = kontor_csv_reader_new (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kontor_csv_reader_get_separator (reader), ==,
                   format == KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE ? ';' : ',');
  header = kontor_csv_reader_read_row (reader, &line, &error);
  g_assert_no_error (error);
  mapping = kontor_csv_mapping_new ((const char * const *) header);
  g_assert_true (kontor_csv_reader_rewind (reader, &error));
  source = kontor_csv_source_new (g_steal_pointer (&reader), mapping);
  assert_source_equal (fixture, source);
}

static void
test_vcard (Fixture       *fixture,
            gconstpointer  data)
{
  KontorExportFormat format = GPOINTER_TO_INT (data);
  g_autoptr(GFile) file = export (fixture, format, "kontakte.vcf");
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorImportSource) source = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, &error));
  g_assert_nonnull (strstr (text, format == KONTOR_EXPORT_FORMAT_VCARD_30 ? "VERSION:3.0"
                                                                           : "VERSION:4.0"));
  source = kontor_vcard_source_new (file, NULL, &error);
  g_assert_no_error (error);
  assert_source_equal (fixture, source);
}

static gboolean
chooser_shown (gpointer data)
{
  return kontor_test_find_transient (GTK_WINDOW (data), GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

/* The main menu's export: every contact, through GTK's own save dialog;
 * screenshots of the dialog */
static void
test_from_menu (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  g_autofree char *path = g_build_filename (fixture->folder, "alle.vcf", NULL);
  g_autoptr(GError) error = NULL;
  KontorExportDialog *dialog;
  GtkWindow *chooser;
  const char *dir = g_getenv ("KONTOR_SCREENSHOT_DIR");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-contacts", "s", "");
  dialog = wait_dialog (fixture);
  kontor_test_assert_accessible (GTK_WIDGET (dialog));
  kontor_export_dialog_set_format (dialog, KONTOR_EXPORT_FORMAT_VCARD_40);
  if (dir != NULL)
    {
      g_autofree char *shot = g_build_filename (dir, "export-dialog.png", NULL);

      kontor_export_dialog_set_format (dialog, KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE);
      kontor_test_settle (300);
      kontor_test_take_screenshots (GTK_WIDGET (dialog), shot);
      kontor_export_dialog_set_format (dialog, KONTOR_EXPORT_FORMAT_VCARD_40);
    }

  kontor_test_focus_window (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (kontor_test_find_actionable (GTK_WIDGET (dialog),
                                                      "export.choose-file"));
  kontor_test_settle (100);
  kontor_test_press ("space");
  g_assert_true (kontor_test_iterate_until (chooser_shown, dialog, KONTOR_TEST_TIMEOUT));
  chooser = kontor_test_find_transient (GTK_WINDOW (dialog), GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, chooser,
                                            KONTOR_TEST_TIMEOUT));
  kontor_test_settle (300);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                      &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "alle.vcf");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* "Listed Contacts": those the list shows after a search, not the others */
static void
test_listed (Fixture       *fixture,
             gconstpointer  data)
{
  KontorContactsView *view =
    KONTOR_CONTACTS_VIEW (kontor_window_get_contacts_view (fixture->window));
  g_autofree char *path = g_build_filename (fixture->folder, "gesucht.vcf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  KontorExportDialog *dialog;
  guint n_cards = 0;

  gtk_editable_set_text (kontor_contacts_view_get_search_entry (view), "Straßer");
  kontor_test_wait_n_items (G_LIST_MODEL (kontor_contacts_view_get_list (view)), 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-contacts", "s", "");
  dialog = wait_dialog (fixture);
  kontor_export_dialog_set_scope (dialog, KONTOR_EXPORT_SCOPE_FILTER);
  kontor_export_dialog_set_format (dialog, KONTOR_EXPORT_FORMAT_VCARD_40);
  kontor_export_dialog_export_to (dialog, file);
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  for (const char *p = strstr (text, "BEGIN:VCARD"); p != NULL; p = strstr (p + 1, "BEGIN:VCARD"))
    n_cards++;
  g_assert_cmpuint (n_cards, ==, 1);
  g_assert_nonnull (strstr (text, "joerg@example.com"));
}

static gboolean
export_stopped (gpointer data)
{
  return gtk_widget_is_sensitive (kontor_test_find_actionable (GTK_WIDGET (data),
                                                               "export.choose-file"));
}

/* Escape while it writes cancels: no file, not half of one */
static void
test_cancel_while_writing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "alle.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  KontorExportDialog *dialog;

  for (guint i = 0; i < 5000; i++)
    {
      KontorContact *contact = kontor_contact_new ();
      g_autofree char *name = g_strdup_printf ("Person %u", i);

      kontor_contact_set_last_name (contact, name);
      g_ptr_array_add (many, contact);
    }
  g_assert_true (kontor_store_save_all (fixture->base.store, many, NULL, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-contacts", "s", "");
  dialog = wait_dialog (fixture);
  kontor_export_dialog_set_format (dialog, KONTOR_EXPORT_FORMAT_CSV_RFC4180);
  kontor_export_dialog_export_to (dialog, file);
  g_assert_false (gtk_widget_is_sensitive (kontor_test_find_actionable (GTK_WIDGET (dialog),
                                                                        "export.choose-file")));
  /* Escape while it writes: the cancel, the dialog stays for another try */
  kontor_test_focus_window (GTK_WINDOW (dialog));
  kontor_test_press ("Escape");
  g_assert_true (kontor_test_iterate_until (export_stopped, dialog, KONTOR_TEST_TIMEOUT));
  g_assert_true (dialog_is_shown (fixture));

  g_assert_false (g_file_query_exists (file, NULL));
  /* nor a file beside it that g_file_replace() wrote into */
  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (g_file_enumerator_next_file (children, NULL, &error));
}

/* "Łukasz" has no Windows-1252 form: the export says so, naming the
 * file, and the file there before stays as it was */
static void
test_not_in_windows_1252 (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "excel.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  KontorExportDialog *dialog;
  AdwMessageDialog *message;

  add_contact (fixture, "Łukasz", "Nowak", "lukasz@example.com", NULL, NULL, NULL);
  g_assert_true (g_file_set_contents (path, "old", -1, &error));

  dialog = open_for_selection (fixture);
  kontor_export_dialog_set_format (dialog, KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE);
  kontor_export_dialog_export_to (dialog, file);
  message = kontor_test_wait_for_message_dialog ();
  g_test_message ("%s", adw_message_dialog_get_body (message));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "excel.csv"));
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_cmpstr (text, ==, "old");
}

/* the mnemonics of the shown labels under @widget, each keyval once */
static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (keyval));

      if (other != NULL)
        g_error ("“%s” and “%s” share a mnemonic", other, gtk_label_get_label (GTK_LABEL (widget)));
      g_hash_table_insert (seen, GUINT_TO_POINTER (keyval),
                           (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen);
}

/* No two controls of the dialog share a mnemonic (Alt+C was both Cancel
 * and Contacts, Alt+E both Export and Encoding) */
static void
test_mnemonics (Fixture       *fixture,
                gconstpointer  data)
{
  KontorExportDialog *dialog = open_for_selection (fixture);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  collect_mnemonics (GTK_WIDGET (dialog), seen);
  g_assert_cmpuint (g_hash_table_size (seen), >, 3);
}

/* "For a mailing", switched on with the keyboard, leaves out the person
 * who objects to marketing (feature X11) and the toast says so; the
 * others are written as ever */
static void
test_mailing (Fixture       *fixture,
              gconstpointer  data)
{
  KontorContact *joerg = g_ptr_array_index (fixture->contacts, 1);
  KontorExportDialog *dialog;
  g_autofree char *path = g_build_filename (fixture->folder, "mailing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *left_out = NULL;
  g_autofree char *toast = NULL;
  GtkWidget *toggle;

  kontor_contact_set_marketing_objection (joerg, TRUE);
  kontor_test_save (fixture->base.store, joerg);

  dialog = open_for_selection (fixture);
  kontor_export_dialog_set_format (dialog, KONTOR_EXPORT_FORMAT_CSV_RFC4180);
  /* the dialog's one switch */
  toggle = kontor_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  kontor_test_focus_window (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (toggle);
  kontor_test_settle (100);
  kontor_test_press ("space");
  kontor_test_settle (100);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  kontor_export_dialog_export_to (dialog, file);
  g_assert_true (kontor_test_iterate_until (dialog_is_gone, fixture, KONTOR_TEST_TIMEOUT));
  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, NULL));
  g_assert_nonnull (strstr (text, "anna@example.com"));
  g_assert_nonnull (strstr (text, "chloe@example.com"));
  g_assert_null (strstr (text, "joerg@example.com"));
  g_assert_null (strstr (text, "Straßer"));
  /* in the language of the run: both counts and their joint */
  exported = g_strdup_printf (ngettext ("%'u contact exported to “%s”",
                                        "%'u contacts exported to “%s”", 2), 2, "mailing.csv");
  left_out = g_strdup_printf (ngettext ("%'u left out: objects to marketing",
                                        "%'u left out: object to marketing", 1), 1);
  toast = g_strdup_printf (_("%s; %s"), exported, left_out);
  g_assert_true (g_str_has_prefix (toast, "2 "));
  g_assert_true (kontor_test_shows_toast (GTK_WIDGET (fixture->window), toast));
}

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv) || !kontor_test_keys_can_be_sent ())
    return 0;

  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    g_mkdir_with_parents (g_getenv ("KONTOR_SCREENSHOT_DIR"), 0755);
  app = kontor_test_app_new ("io.github.kontor.Kontor.ContactsExport");

#define ADD(path, func, format) \
  g_test_add ("/ui/contacts-export/" path, Fixture, GINT_TO_POINTER (format), fixture_set_up, \
              func, fixture_tear_down)
  ADD ("csv-excel-de", test_csv, KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE);
  ADD ("csv-rfc4180", test_csv, KONTOR_EXPORT_FORMAT_CSV_RFC4180);
  ADD ("vcard-40", test_vcard, KONTOR_EXPORT_FORMAT_VCARD_40);
  ADD ("vcard-30", test_vcard, KONTOR_EXPORT_FORMAT_VCARD_30);
  ADD ("from-menu", test_from_menu, 0);
  ADD ("listed", test_listed, 0);
  ADD ("cancel-while-writing", test_cancel_while_writing, 0);
  ADD ("not-in-windows-1252", test_not_in_windows_1252, 0);
  ADD ("mnemonics", test_mnemonics, 0);
  ADD ("mailing", test_mailing, 0);
#undef ADD

  return g_test_run ();
}
