/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#include "config.h"

#include <adwaita.h>

#include "kontor-address-section.h"
#include "kontor-channel.h"
#include "kontor-channels-section.h"
#include "kontor-date-button.h"
#include "kontor-format.h"
#include "kontor-header-section.h"
#include "kontor-notes-section.h"
#include "kontor-shot.h"
#include "kontor-test-utils.h"
#include "kontor-ui-test-utils.h"
#include "kontor-user-chooser.h"

/* The editor sections a company's page will reuse (header, channels,
 * address, notes), mounted over a KontorCompany exactly as the contact
 * page mounts them over a contact: set the record, edit through the
 * widgets, ask changed(), apply to a copy. Also the two widgets the
 * contact page and the board card share: KontorDateButton and
 * KontorUserChooser. */

typedef struct
{
  KontorStoreFixture  base;
  GSettings          *settings;
  KontorContext      *context;
  GtkWindow          *window;
  KontorCompany      *company;   /* as stored */
  GtkWidget          *sections[4];
  guint               n_edited;
} Fixture;

static void
on_edited_cb (Fixture *fixture)
{
  fixture->n_edited++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KontorCompany) company = kontor_company_new ("Bäckerei Schulz");
  g_autoptr(GPtrArray) emails = kontor_channel_array_new ();
  g_autoptr(GPtrArray) phones = kontor_channel_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  kontor_store_fixture_set_up (&fixture->base, data);
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = kontor_context_new (fixture->base.store, fixture->settings);

  g_ptr_array_add (emails, kontor_channel_new ("work", "info@baeckerei-schulz.example"));
  g_ptr_array_add (phones, kontor_channel_new ("work", "+49 30 1234567"));
  kontor_company_set_emails (company, emails);
  kontor_company_set_phones (company, phones);
  kontor_company_set_street (company, "Hauptstraße 1");
  kontor_company_set_postal_code (company, "10115");
  kontor_company_set_city (company, "Berlin");
  kontor_company_set_notes (company, "Liefert montags.");
  kontor_test_save (fixture->base.store, company);
  fixture->company = kontor_store_load (fixture->base.store, KONTOR_TYPE_COMPANY,
                                        kontor_record_get_id (KONTOR_RECORD (company)), &error);
  g_assert_no_error (error);

  fixture->sections[0] = g_object_new (KONTOR_TYPE_HEADER_SECTION, NULL);
  fixture->sections[1] = g_object_new (KONTOR_TYPE_CHANNELS_SECTION, NULL);
  fixture->sections[2] = g_object_new (KONTOR_TYPE_ADDRESS_SECTION, NULL);
  fixture->sections[3] = g_object_new (KONTOR_TYPE_NOTES_SECTION, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->sections); i++)
    {
      g_signal_connect_swapped (fixture->sections[i], "edited", G_CALLBACK (on_edited_cb),
                                fixture);
      gtk_box_append (GTK_BOX (box), fixture->sections[i]);
    }

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 900);
  gtk_window_set_child (fixture->window, box);
  gtk_window_present (fixture->window);
  g_assert_true (kontor_test_iterate_until (kontor_test_widget_is_mapped, box,
                                            KONTOR_TEST_TIMEOUT));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  kontor_test_settle (10);

  g_clear_object (&fixture->company);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  kontor_store_fixture_tear_down (&fixture->base, data);
}

static void
set_all (Fixture *fixture)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->sections); i++)
    kontor_editor_section_set_record (KONTOR_EDITOR_SECTION (fixture->sections[i]),
                                      fixture->context, KONTOR_RECORD (fixture->company));
}

static gboolean
section_changed (Fixture *fixture,
                 guint    index)
{
  return kontor_editor_section_changed (KONTOR_EDITOR_SECTION (fixture->sections[index]));
}

static GtkEditable *
find_entry (GtkWidget  *root,
            const char *title)
{
  GtkWidget *row = kontor_test_find_row (root, title);

  g_assert_nonnull (row);

  return GTK_EDITABLE (row);
}

static gboolean
label_shows (GtkWidget  *root,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if ((GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
           g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0) ||
          label_shows (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
test_company_shown (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *status;
  GtkTextBuffer *buffer;
  g_autofree char *notes = NULL;
  GtkTextIter start, end;

  set_all (fixture);

  /* the header names the company and offers no contact status */
  g_assert_true (label_shows (fixture->sections[0], "Bäckerei Schulz"));
  status = kontor_test_find_widget (fixture->sections[0], GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (status);
  g_assert_false (gtk_widget_is_visible (status));

  g_assert_cmpstr (gtk_editable_get_text (find_entry (fixture->sections[1], "Work")), ==,
                   "info@baeckerei-schulz.example");
  g_assert_cmpstr (gtk_editable_get_text (find_entry (fixture->sections[2], "Street")), ==,
                   "Hauptstraße 1");
  g_assert_cmpstr (gtk_editable_get_text (find_entry (fixture->sections[2], "City")), ==,
                   "Berlin");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (kontor_test_find_widget (fixture->sections[3],
                                                                             GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (notes, ==, "Liefert montags.");

  /* showing is not editing */
  g_assert_cmpuint (fixture->n_edited, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->sections); i++)
    g_assert_false (section_changed (fixture, i));
}

static void
test_company_edit_and_apply (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KontorRecord) copy = NULL;
  g_autoptr(GArray) changes = NULL;
  KontorCompany *edited;
  GtkWidget *channels;
  GtkWidget *new_row;
  GtkTextView *notes_view;
  GPtrArray *emails;
  GPtrArray *phones;

  set_all (fixture);

  /* the address */
  gtk_editable_set_text (find_entry (fixture->sections[2], "City"), " Hamburg ");
  g_assert_true (section_changed (fixture, 2));
  g_assert_cmpuint (fixture->n_edited, >, 0);

  /* an e-mail address changed, a phone number added */
  channels = fixture->sections[1];
  gtk_editable_set_text (find_entry (channels, "Work"), "post@baeckerei-schulz.example");
  g_assert_true (section_changed (fixture, 1));
  g_assert_true (gtk_widget_activate_action (channels, "channels.add-phone", NULL));
  /* the new row has the focus */
  new_row = gtk_widget_get_ancestor (gtk_window_get_focus (fixture->window), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (new_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_row)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (new_row), "+49 30 7654321");

  /* the notes */
  notes_view = GTK_TEXT_VIEW (kontor_test_find_widget (fixture->sections[3], GTK_TYPE_TEXT_VIEW));
  g_assert_false (section_changed (fixture, 3));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes_view), "Liefert dienstags.", -1);
  g_assert_true (section_changed (fixture, 3));

  /* the header has nothing of its own to change */
  g_assert_false (section_changed (fixture, 0));

  copy = kontor_record_copy (KONTOR_RECORD (fixture->company));
  for (guint i = 0; i < G_N_ELEMENTS (fixture->sections); i++)
    kontor_editor_section_apply (KONTOR_EDITOR_SECTION (fixture->sections[i]), copy);
  edited = KONTOR_COMPANY (copy);

  g_assert_cmpstr (kontor_company_get_city (edited), ==, "Hamburg");
  g_assert_cmpstr (kontor_company_get_street (edited), ==, "Hauptstraße 1");
  g_assert_cmpstr (kontor_company_get_notes (edited), ==, "Liefert dienstags.");
  g_assert_cmpstr (kontor_company_get_name (edited), ==, "Bäckerei Schulz");
  emails = kontor_company_get_emails (edited);
  g_assert_cmpuint (emails->len, ==, 1);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (emails, 0))->value, ==,
                   "post@baeckerei-schulz.example");
  /* the row it came from: an edit, not a new address */
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (emails, 0))->id, ==,
                   ((KontorChannel *)
                    g_ptr_array_index (kontor_company_get_emails (fixture->company), 0))->id);
  phones = kontor_company_get_phones (edited);
  g_assert_cmpuint (phones->len, ==, 2);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (phones, 1))->value, ==,
                   "+49 30 7654321");

  /* nothing else of the company changed */
  changes = kontor_record_diff (KONTOR_RECORD (fixture->company), copy);
  g_assert_cmpuint (changes->len, ==, 4);

  /* once shown, the edited company is what the sections compare with */
  g_set_object (&fixture->company, edited);
  set_all (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->sections); i++)
    g_assert_false (section_changed (fixture, i));
}

static void
test_company_read_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KontorUser) viewer = kontor_user_new ("carla", "Carla Vogt",
                                                  KONTOR_USER_ROLE_VIEWER);
  g_autoptr(GError) error = NULL;

  kontor_test_save (fixture->base.store, viewer);
  g_assert_true (kontor_store_set_current_user (fixture->base.store, viewer, &error));
  g_assert_no_error (error);
  set_all (fixture);

  g_assert_false (gtk_editable_get_editable (find_entry (fixture->sections[2], "City")));
  g_assert_false (gtk_editable_get_editable (find_entry (fixture->sections[1], "Work")));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (
                    kontor_test_find_widget (fixture->sections[3], GTK_TYPE_TEXT_VIEW))));
  g_assert_false (gtk_widget_get_visible (kontor_test_find_row (fixture->sections[1],
                                                                "Add E-mail Address")));

  /* the action does nothing */
  gtk_widget_activate_action (fixture->sections[1], "channels.add-email", NULL);
  g_assert_cmpuint (fixture->n_edited, ==, 0);
  g_assert_null (gtk_window_get_focus (fixture->window) != NULL
                 ? gtk_widget_get_ancestor (gtk_window_get_focus (fixture->window),
                                            ADW_TYPE_ENTRY_ROW)
                 : NULL);
}

/* The shared date button: set, chosen in the calendar, cleared */
static void
test_date_button (Fixture       *fixture,
                  gconstpointer  data)
{
  KontorDateButton *button = KONTOR_DATE_BUTTON (kontor_date_button_new ());
  g_autoptr(GDateTime) day = g_date_time_new_local (2031, 3, 2, 0, 0, 0);
  GtkMenuButton *menu_button;
  GtkWidget *calendar;
  guint notified = 0;

  kontor_date_button_set_title (button, "Due Date");
  g_signal_connect_swapped (button, "notify::date", G_CALLBACK (on_edited_cb), fixture);
  gtk_box_append (GTK_BOX (gtk_window_get_child (fixture->window)), GTK_WIDGET (button));

  kontor_date_button_set_date (button, "2030-01-15");
  g_assert_cmpstr (kontor_date_button_get_date (button), ==, "2030-01-15");
  g_assert_true (label_shows (GTK_WIDGET (button), "2030-01-15"));
  notified = fixture->n_edited;
  g_assert_cmpuint (notified, ==, 1);

  /* moving in the calendar changes nothing; Set takes the day */
  menu_button = GTK_MENU_BUTTON (kontor_test_find_widget (GTK_WIDGET (button),
                                                          GTK_TYPE_MENU_BUTTON));
  gtk_menu_button_popup (menu_button);
  calendar = kontor_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)),
                                      GTK_TYPE_CALENDAR);
  g_assert_nonnull (calendar);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  g_assert_cmpstr (kontor_date_button_get_date (button), ==, "2030-01-15");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (button), "date.set", NULL));
  g_assert_cmpstr (kontor_date_button_get_date (button), ==, "2031-03-02");
  g_assert_cmpuint (fixture->n_edited, ==, notified + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (button), "date.clear", NULL));
  g_assert_null (kontor_date_button_get_date (button));
  g_assert_true (label_shows (GTK_WIDGET (button), "Not Set"));
}

static gboolean
is_unticked (gpointer check_button)
{
  return !gtk_check_button_get_active (check_button);
}

/* A birthday's date button: a day without its year shown as day and
 * month, kept by Set while "Year unknown" is ticked, given a year when it
 * is not; ticked by the keyboard (src/README.md "Birthdays") */
static void
test_date_button_yearless (Fixture       *fixture,
                           gconstpointer  data)
{
  KontorDateButton *button = g_object_new (KONTOR_TYPE_DATE_BUTTON, "allow-yearless", TRUE,
                                           "title", "Birthday", NULL);
  KontorDateButton *due = KONTOR_DATE_BUTTON (kontor_date_button_new ());
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_year = g_strdup_printf ("%d-04-15", g_date_time_get_year (now));
  g_autofree char *shown = NULL;
  g_autoptr(GDateTime) selected = NULL;
  GtkMenuButton *menu_button;
  GtkWidget *popover, *calendar, *yearless;

  /* at the top of the window: a popover opened below the screen's edge
   * (CI's screen is 800 px high) is on no monitor, and GTK 4.8 warns */
  gtk_box_prepend (GTK_BOX (gtk_window_get_child (fixture->window)), GTK_WIDGET (due));
  gtk_box_prepend (GTK_BOX (gtk_window_get_child (fixture->window)), GTK_WIDGET (button));

  kontor_date_button_set_date (button, "--04-15");
  shown = kontor_format_iso_date ("--04-15");
  g_assert_true (label_shows (GTK_WIDGET (button), shown));
  g_assert_cmpstr (shown, ==, g_str_equal (g_getenv ("LANGUAGE") ?: "", "de")
                              ? "15. April" : "April 15");

  /* opened on that day of this year, "Year unknown" ticked */
  menu_button = GTK_MENU_BUTTON (kontor_test_find_widget (GTK_WIDGET (button),
                                                          GTK_TYPE_MENU_BUTTON));
  gtk_menu_button_popup (menu_button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (menu_button));
  calendar = kontor_test_find_widget (popover, GTK_TYPE_CALENDAR);
  yearless = kontor_test_find_widget (popover, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (yearless);
  kontor_test_assert_accessible (popover);
  selected = gtk_calendar_get_date (GTK_CALENDAR (calendar));
  g_assert_cmpint (g_date_time_get_month (selected), ==, 4);
  g_assert_cmpint (g_date_time_get_day_of_month (selected), ==, 15);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (yearless)));
  if (g_getenv ("KONTOR_SCREENSHOT_DIR") != NULL)
    {
      const char *language = g_getenv ("LANGUAGE");
      g_autofree char *file = g_strdup_printf ("sections-birthday-yearless-%s.png",
                                               language != NULL ? language : "en");
      g_autofree char *path = g_build_filename (g_getenv ("KONTOR_SCREENSHOT_DIR"), file, NULL);

      kontor_test_settle (300);
      kontor_test_take_screenshot (popover, path);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (button), "date.set", NULL));
  g_assert_cmpstr (kontor_date_button_get_date (button), ==, "--04-15");

  /* untick it: the day of this year */
  gtk_menu_button_popup (menu_button);
  if (kontor_test_keys_can_be_sent ())
    {
      gtk_window_present (fixture->window);
      kontor_test_focus_window (fixture->window);
      gtk_widget_grab_focus (yearless);
      kontor_test_press ("space");
      g_assert_true (kontor_test_iterate_until (is_unticked, yearless, KONTOR_TEST_TIMEOUT));
    }
  else
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (yearless), FALSE);
    }
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (yearless)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (button), "date.set", NULL));
  g_assert_cmpstr (kontor_date_button_get_date (button), ==, this_year);

  /* a due date has no such box */
  menu_button = GTK_MENU_BUTTON (kontor_test_find_widget (GTK_WIDGET (due),
                                                          GTK_TYPE_MENU_BUTTON));
  gtk_menu_button_popup (menu_button);
  g_assert_null (kontor_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)),
                                          GTK_TYPE_CHECK_BUTTON));
  gtk_menu_button_popdown (menu_button);
}

static GtkListBoxRow *
find_user_row (GtkListBox *list,
               const char *name)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      if (label_shows (GTK_WIDGET (row), name))
        return row;
    }

  return NULL;
}

/* The shared user chooser: a row chosen goes after those set, chosen
 * again it is taken back; a role filtered out is not offered */
static void
test_user_chooser (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KontorUser) anna = kontor_user_new ("anna", "Anna Weber", KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorUser) carla = kontor_user_new ("carla", "Carla Vogt", KONTOR_USER_ROLE_VIEWER);
  KontorUserChooser *chooser = KONTOR_USER_CHOOSER (kontor_user_chooser_new ());
  const char *anna_id;
  const char *ids[] = { "someone-not-known", NULL };
  GtkListBox *list;
  GtkListBoxRow *row;
  const char * const *selected;
  g_autofree char *names = NULL;

  kontor_test_save (fixture->base.store, anna);
  kontor_test_save (fixture->base.store, carla);
  anna_id = kontor_record_get_id (KONTOR_RECORD (anna));
  gtk_box_append (GTK_BOX (gtk_window_get_child (fixture->window)), GTK_WIDGET (chooser));

  kontor_user_chooser_set_context (chooser, fixture->context);
  kontor_user_chooser_set_filter (chooser, kontor_user_role_can_edit);
  kontor_user_chooser_set_selected (chooser, ids);
  kontor_user_chooser_reload (chooser);

  /* the viewer is not offered; Anna is, not chosen yet */
  list = GTK_LIST_BOX (kontor_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_LIST_BOX));
  g_assert_false (label_shows (GTK_WIDGET (list), "Carla Vogt"));
  row = find_user_row (list, "Anna Weber");
  g_assert_nonnull (row);
  g_assert_null (kontor_user_chooser_dup_names (chooser));

  g_signal_emit_by_name (list, "row-activated", row);
  selected = kontor_user_chooser_get_selected (chooser);
  g_assert_cmpuint (g_strv_length ((char **) selected), ==, 2);
  g_assert_cmpstr (selected[0], ==, "someone-not-known");
  g_assert_cmpstr (selected[1], ==, anna_id);
  names = kontor_user_chooser_dup_names (chooser);
  g_assert_cmpstr (names, ==, "Anna Weber");

  row = find_user_row (list, "Anna Weber");
  g_signal_emit_by_name (list, "row-activated", row);
  selected = kontor_user_chooser_get_selected (chooser);
  g_assert_cmpuint (g_strv_length ((char **) selected), ==, 1);
  g_assert_cmpstr (selected[0], ==, "someone-not-known");
}

#define ADD(path, func) \
  g_test_add ("/sections/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  if (!kontor_test_ui_init (&argc, &argv))
    return 0;

  ADD ("company/shown", test_company_shown);
  ADD ("company/edit-and-apply", test_company_edit_and_apply);
  ADD ("company/read-only", test_company_read_only);
  ADD ("date-button", test_date_button);
  ADD ("date-button/yearless", test_date_button_yearless);
  ADD ("user-chooser", test_user_chooser);

  return g_test_run ();
}
