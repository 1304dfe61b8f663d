/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-lead-project-page"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "kontor-activity.h"
#include "kontor-board.h"
#include "kontor-board-settings.h"
#include "kontor-company.h"
#include "kontor-field-change.h"
#include "kontor-format.h"
#include "kontor-lead-entry-dialog.h"
#include "kontor-lead-project-dialog.h"
#include "kontor-lead-project-page.h"
#include "kontor-lead-project-write.h"
#include "kontor-lead-statuses-dialog.h"
#include "kontor-money.h"
#include "kontor-store-lead.h"
#include "kontor-text.h"
#include "kontor-ui-utils.h"

/**
 * KontorLeadProjectPage:
 *
 * A lead project's page (features D2, D4; src/README.md "Lead
 * projects"): its leads in a list with a status filter (a check button
 * per status), a filter of the user assigned and a search of the
 * contact's and the company's names, and below them the project's open
 * follow-ups by date. The menu edits, archives or deletes the project
 * (a project with leads only after asking; one undo step either way).
 *
 * The list is small (a project's leads, read in one query), so it is
 *
 *   GListStore (KontorLeadEntry) → GtkFilterListModel (filter_entry)
 *     → GtkSingleSelection → GtkColumnView
 *
 * whose cells read the names of the contacts, companies, statuses and
 * users from tables loaded with the entries. Or, as the header's toggle
 * (GSettings "lead-project-view") says, the project's board: the
 * pipeline board's widget over the project's statuses
 * (kontor_board_new_for_lead_project()), made when first shown for a
 * project and following the search; the status and user filters are the
 * list's.
 */
struct _KontorLeadProjectPage
{
  AdwBin              parent_instance;

  KontorContext      *context;
  KontorLeadProject  *project;
  GListStore         *entries;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GHashTable         *contacts;        /* id → KontorContact */
  GHashTable         *names;           /* id of a company, status or user → name */
  GHashTable         *hidden_statuses; /* ids of the statuses unchecked */
  GPtrArray          *users;           /* KontorUser, item n + 1 of the user filter */
  gboolean            loading;
  gboolean            stale;           /* changed while not shown */
  gboolean            list_stale;      /* changed while the board was shown */
  char               *view;            /* "list" or "board" */
  KontorFilter       *board_filter;    /* the board's: the search */
  GtkWidget          *board;           /* the project's board, once shown */

  GtkWidget          *back_button;
  GtkWidget          *menu_button;
  AdwWindowTitle     *window_title;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *status_button;
  GtkWidget          *status_box;
  GtkDropDown        *user_dropdown;
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  GtkListBox         *follow_ups_list;
  GtkWidget          *sums_expander;
  GtkMenuButton      *board_settings_button;
  GtkWidget          *follow_ups_expander;
  GtkLabel           *sums_label;
  GtkLabel           *forecast_label;
};

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_VIEW,
  N_PROPS
};

enum
{
  GONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KontorLeadProjectPage, kontor_lead_project_page, ADW_TYPE_BIN)

static KontorStore *
get_store (KontorLeadProjectPage *self)
{
  return kontor_context_get_store (self->context);
}

static const char *
lookup_name (KontorLeadProjectPage *self,
             const char            *id)
{
  const char *name = id != NULL ? g_hash_table_lookup (self->names, id) : NULL;

  return name != NULL ? name : "";
}

static KontorContact *
entry_contact (KontorLeadProjectPage *self,
               KontorLeadEntry       *entry)
{
  return g_hash_table_lookup (self->contacts, kontor_lead_entry_get_contact_id (entry));
}

static char *
dup_contact_name (KontorLeadProjectPage *self,
                  KontorLeadEntry       *entry)
{
  KontorContact *contact = entry_contact (self, entry);

  return contact != NULL ? kontor_record_dup_display_name (KONTOR_RECORD (contact))
                         : g_strdup ("");
}

static const char *
company_name (KontorLeadProjectPage *self,
              KontorLeadEntry       *entry)
{
  KontorContact *contact = entry_contact (self, entry);

  return contact != NULL ? lookup_name (self, kontor_contact_get_company_id (contact)) : "";
}

/* The search matches the contact's and the company's names as the
 * model folds texts for search (case and accents do not count) */
static gboolean
filter_entry (gpointer item,
              gpointer data)
{
  KontorLeadProjectPage *self = data;
  KontorLeadEntry *entry = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint user = gtk_drop_down_get_selected (self->user_dropdown);
  g_autofree char *needle = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *name = NULL;
  g_autofree char *haystack = NULL;

  if (g_hash_table_contains (self->hidden_statuses, kontor_lead_entry_get_status_id (entry)))
    return FALSE;
  /* the first item is "Everyone" */
  if (user != GTK_INVALID_LIST_POSITION && user > 0 && user <= self->users->len &&
      g_strcmp0 (kontor_lead_entry_get_assignee_id (entry),
                 kontor_record_get_id (g_ptr_array_index (self->users, user - 1))) != 0)
    return FALSE;
  if (*search == '\0')
    return TRUE;

  needle = kontor_text_fold (search);
  contact = dup_contact_name (self, entry);
  name = g_strconcat (contact, " ", company_name (self, entry), NULL);
  haystack = kontor_text_fold (name);

  return strstr (haystack, needle) != NULL;
}

typedef enum
{
  COLUMN_CONTACT,
  COLUMN_COMPANY,
  COLUMN_STATUS,
  COLUMN_ASSIGNEE,
  COLUMN_VALUE,
} Column;

static const char *column_titles[] = {
  N_("Contact"), N_("Company"), N_("Status"), N_("Assigned To"), N_("Value"),
};

static char *
dup_cell_text (KontorLeadProjectPage *self,
               KontorLeadEntry       *entry,
               Column                 column)
{
  switch (column)
    {
    case COLUMN_CONTACT:
      return dup_contact_name (self, entry);
    case COLUMN_COMPANY:
      return g_strdup (company_name (self, entry));
    case COLUMN_STATUS:
      return g_strdup (lookup_name (self, kontor_lead_entry_get_status_id (entry)));
    case COLUMN_ASSIGNEE:
      return g_strdup (lookup_name (self, kontor_lead_entry_get_assignee_id (entry)));
    case COLUMN_VALUE:
      return kontor_money_format (kontor_lead_entry_get_value_cents (entry),
                                  kontor_lead_entry_get_currency (entry));
    default:
      g_assert_not_reached ();
    }
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "kontor-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_VALUE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_VALUE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 KontorLeadProjectPage    *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "kontor-column"));
  g_autofree char *text = dup_cell_text (self, gtk_list_item_get_item (item), column);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_columns (KontorLeadProjectPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_titles); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "kontor-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
      g_signal_connect_object (factory, "bind", G_CALLBACK (on_cell_bind_cb), self, 0);
      column = gtk_column_view_column_new (_(column_titles[i]), factory);
      gtk_column_view_column_set_expand (column, i != COLUMN_VALUE);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* Loading ---------------------------------------------------------------- */

static void
add_name (KontorLeadProjectPage *self,
          KontorRecord          *record)
{
  g_hash_table_insert (self->names, g_strdup (kontor_record_get_id (record)),
                       kontor_record_dup_display_name (record));
}

/* The button says when statuses are hidden, so a short list is not
 * taken for the whole project */
static void
update_status_button (KontorLeadProjectPage *self)
{
  guint n_hidden = g_hash_table_size (self->hidden_statuses);
  g_autofree char *label = NULL;

  if (n_hidden == 0)
    label = g_strdup (_("_Status"));
  else
    /* Translators: the status filter's button when statuses are hidden */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Status (%u hidden)",
                                          "_Status (%u hidden)", n_hidden), n_hidden);
  gtk_menu_button_set_label (self->status_button, label);
}

static void
on_status_toggled_cb (GtkCheckButton        *check,
                      KontorLeadProjectPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "kontor-status-id");

  if (gtk_check_button_get_active (check))
    g_hash_table_remove (self->hidden_statuses, id);
  else
    g_hash_table_add (self->hidden_statuses, g_strdup (id));
  update_status_button (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* One check button per status, those unchecked before still unchecked */
static void
fill_statuses (KontorLeadProjectPage *self,
               GPtrArray             *statuses)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->status_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->status_box), child);
  for (guint i = 0; i < statuses->len; i++)
    {
      KontorLeadStatus *status = g_ptr_array_index (statuses, i);
      const char *id = kontor_record_get_id (KONTOR_RECORD (status));
      GtkWidget *check = gtk_check_button_new_with_label (kontor_lead_status_get_name (status));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !g_hash_table_contains (self->hidden_statuses, id));
      g_object_set_data_full (G_OBJECT (check), "kontor-status-id", g_strdup (id), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_status_toggled_cb), self, 0);
      gtk_box_append (GTK_BOX (self->status_box), check);
    }
}

/* "Everyone" and the team's users; the one chosen stays chosen */
static void
fill_users (KontorLeadProjectPage *self,
            GPtrArray             *users)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint chosen = gtk_drop_down_get_selected (self->user_dropdown);
  g_autofree char *chosen_id = NULL;
  guint selected = 0;

  if (chosen != GTK_INVALID_LIST_POSITION && chosen > 0 && self->users != NULL &&
      chosen <= self->users->len)
    chosen_id = g_strdup (kontor_record_get_id (g_ptr_array_index (self->users, chosen - 1)));
  /* Translators: the user filter of a lead project's list: no filter */
  gtk_string_list_append (names, _("Everyone"));
  for (guint i = 0; i < users->len; i++)
    {
      g_autofree char *name = kontor_record_dup_display_name (g_ptr_array_index (users, i));

      gtk_string_list_append (names, name);
      if (g_strcmp0 (chosen_id, kontor_record_get_id (g_ptr_array_index (users, i))) == 0)
        selected = i + 1;
    }
  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = g_ptr_array_ref (users);
  gtk_drop_down_set_model (self->user_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->user_dropdown, selected);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  KontorActivity *first = *(KontorActivity **) a;
  KontorActivity *second = *(KontorActivity **) b;

  return g_strcmp0 (kontor_activity_get_due_on (first), kontor_activity_get_due_on (second));
}

/* The project's open follow-ups, the earliest first */
static void
fill_follow_ups (KontorLeadProjectPage *self,
                 GPtrArray             *entries)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) entry_of = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->follow_ups_list))) != NULL)
    gtk_list_box_remove (self->follow_ups_list, child);
  for (guint i = 0; i < entries->len; i++)
    {
      KontorLeadEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tasks =
        kontor_store_list_lead_follow_ups (get_store (self),
                                           kontor_record_get_id (KONTOR_RECORD (entry)), &error);

      if (tasks == NULL)
        {
          g_warning ("Could not list the follow-ups: %s", error->message);
          continue;
        }
      for (guint j = 0; j < tasks->len; j++)
        if (!kontor_activity_get_done (g_ptr_array_index (tasks, j)))
          {
            KontorActivity *task = g_ptr_array_index (tasks, j);

            g_hash_table_insert (entry_of, (gpointer) kontor_record_get_id (KONTOR_RECORD (task)),
                                 entry);
            g_ptr_array_add (open, g_object_ref (task));
          }
    }
  g_ptr_array_sort (open, compare_due);
  for (guint i = 0; i < open->len; i++)
    {
      KontorActivity *task = g_ptr_array_index (open, i);
      KontorLeadEntry *entry = g_hash_table_lookup (entry_of,
                                                    kontor_record_get_id (KONTOR_RECORD (task)));
      g_autofree char *date = kontor_format_iso_date (kontor_activity_get_due_on (task));
      g_autofree char *contact = dup_contact_name (self, entry);
      /* Translators: a follow-up's due date and the lead's contact */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), date != NULL ? date : "",
                                                   contact);
      GtkWidget *row = adw_action_row_new ();
      const char *note = kontor_activity_get_subject (task);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), note != NULL ? note : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->follow_ups_list, row);
    }
  if (open->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No open follow-ups"));
      gtk_list_box_append (self->follow_ups_list, row);
    }
}

/* Per status its count and sum, one line per currency
 * (kontor_store_sum_lead_columns()); per month of expected close the
 * forecast (kontor_store_forecast_lead_project(): the arithmetic is the
 * store's and the model's, the page only writes it out) */
static void
fill_sums (KontorLeadProjectPage *self,
           const char            *project_id)
{
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  sums = kontor_store_sum_lead_columns (get_store (self), project_id, &error);
  if (sums == NULL)
    {
      g_warning ("Could not sum the leads: %s", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; sums != NULL && i < sums->len; i++)
    {
      KontorLeadColumnSum *sum = &g_array_index (sums, KontorLeadColumnSum, i);
      g_autofree char *money = kontor_money_format (sum->cents, sum->currency);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a status's sum on a lead project's page: the status's
       * name, how many leads, their value ("Neu: 2 Leads, 1.234,50 €") */
      g_string_append_printf (text, ngettext ("%s: %u lead, %s", "%s: %u leads, %s",
                                              (gulong) sum->count),
                              lookup_name (self, sum->status_id), (guint) sum->count, money);
    }
  gtk_label_set_text (self->sums_label, text->len > 0 ? text->str : _("No leads"));

  g_string_truncate (text, 0);
  months = kontor_store_forecast_lead_project (get_store (self), project_id, &error);
  if (months == NULL)
    g_warning ("Could not compute the forecast: %s", error->message);
  for (guint i = 0; months != NULL && i < months->len; i++)
    {
      KontorLeadForecast *month = &g_array_index (months, KontorLeadForecast, i);
      g_autofree char *money = kontor_money_format (month->cents, month->currency);
      g_autofree char *name = NULL;
      guint year = 0, number = 0;

      if (sscanf (month->month, "%4u-%2u", &year, &number) != 2 ||
          (name = kontor_format_month (number)) == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: one month of a lead project's forecast: the month,
       * its year, the expected value ("März 2027: 1.234,50 €") */
      g_string_append_printf (text, _("%s %u: %s expected"), name, year, money);
    }
  gtk_label_set_text (self->forecast_label,
                      text->len > 0 ? text->str
                                    /* Translators: no open lead has a close date and a probability */
                                    : _("No forecast: no open lead has an expected close and a probability"));
}

static void
update_actions (KontorLeadProjectPage *self)
{
  gboolean can_edit = kontor_context_can_edit (self->context) && self->project != NULL;
  gboolean archived = self->project != NULL && kontor_lead_project_get_archived (self->project);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead-project.edit", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead-project.edit-statuses", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead-project.archive", can_edit && !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead-project.unarchive", can_edit && archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lead-project.delete", can_edit);
}

static gboolean
shows_board (KontorLeadProjectPage *self)
{
  return g_strcmp0 (self->view, "board") == 0;
}

/* The board goes with its project: another project shown makes its own
 * (kontor_lead_project_page_show_project()) */
static void
drop_board (KontorLeadProjectPage *self)
{
  if (self->board == NULL)
    return;
  gtk_stack_remove (self->content_stack, self->board);
  self->board = NULL;
}

/* The board of the project shown, made when first shown */
static void
ensure_board (KontorLeadProjectPage *self)
{
  if (self->board != NULL || self->project == NULL)
    return;

  self->board = kontor_board_new_for_lead_project (self->context, self->board_filter,
                                                   self->project);
  gtk_stack_add_named (self->content_stack, self->board, "board");
}

static void
update_stack (KontorLeadProjectPage *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0;
  gboolean board = shows_board (self);

  /* the filters of the list only: the board's columns are its statuses;
   * its headers have the sums, and the cards the room below */
  gtk_widget_set_visible (GTK_WIDGET (self->status_button), !board);
  gtk_widget_set_visible (GTK_WIDGET (self->user_dropdown), !board);
  gtk_widget_set_visible (self->sums_expander, !board);
  gtk_widget_set_visible (GTK_WIDGET (self->board_settings_button), board);
  gtk_widget_set_visible (self->follow_ups_expander, !board);
  if (board && self->project != NULL)
    {
      ensure_board (self);
      gtk_stack_set_visible_child_name (self->content_stack, "board");
      return;
    }

  adw_status_page_set_title (self->empty_page,
                             g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0
                             ? _("No Leads") : _("No Leads Match"));
  gtk_stack_set_visible_child_name (self->content_stack, any ? "list" : "empty");
}

static void
update_title (KontorLeadProjectPage *self)
{
  g_autofree char *subtitle = NULL;

  adw_window_title_set_title (self->window_title, kontor_lead_project_get_name (self->project));
  if (kontor_lead_project_get_archived (self->project))
    /* Translators: the subtitle of an archived lead project's page */
    subtitle = g_strdup_printf (_("%s (archived)"),
                                kontor_lead_project_get_product (self->project) != NULL
                                ? kontor_lead_project_get_product (self->project) : "");
  else
    subtitle = g_strdup (kontor_lead_project_get_product (self->project));
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? g_strstrip (subtitle) : "");
}

/* Reads the project, its statuses, entries and the names the cells
 * show; %FALSE when the project is no longer there. While the board is
 * shown only the project: the board follows the store itself, and the
 * list, sums and follow-ups are read when the list is shown again (a
 * move on a board of 10,000 leads would read them all) */
static gboolean
reload (KontorLeadProjectPage *self)
{
  KontorStore *store = get_store (self);
  g_autoptr(KontorLeadProject) project = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->project == NULL)
    return FALSE;
  /* a copy: the project is replaced below */
  id = g_strdup (kontor_record_get_id (KONTOR_RECORD (self->project)));
  project = kontor_store_load (store, KONTOR_TYPE_LEAD_PROJECT, id, &error);
  if (project == NULL)
    {
      if (!g_error_matches (error, KONTOR_STORE_ERROR, KONTOR_STORE_ERROR_NOT_FOUND))
        g_warning ("Could not load the lead project: %s", error->message);
      g_clear_object (&self->project);
      g_list_store_remove_all (self->entries);
      update_actions (self);
      return FALSE;
    }
  g_set_object (&self->project, project);
  if (shows_board (self))
    {
      self->list_stale = TRUE;
      update_title (self);
      update_stack (self);
      update_actions (self);
      return TRUE;
    }
  self->list_stale = FALSE;

  if ((statuses = kontor_store_list_lead_statuses (store, id, &error)) == NULL ||
      (entries = kontor_store_list_lead_entries (store, id, NULL, &error)) == NULL ||
      (users = kontor_store_list_users (store, &error)) == NULL)
    {
      g_warning ("Could not load the lead project's leads: %s", error->message);
      return TRUE;
    }

  self->loading = TRUE;
  g_hash_table_remove_all (self->contacts);
  g_hash_table_remove_all (self->names);
  for (guint i = 0; i < statuses->len; i++)
    add_name (self, g_ptr_array_index (statuses, i));
  for (guint i = 0; i < users->len; i++)
    add_name (self, g_ptr_array_index (users, i));
  for (guint i = 0; i < entries->len; i++)
    {
      const char *contact_id = kontor_lead_entry_get_contact_id (g_ptr_array_index (entries, i));
      g_autoptr(KontorContact) contact = NULL;
      const char *company_id;

      if (g_hash_table_contains (self->contacts, contact_id))
        continue;
      contact = kontor_store_load (store, KONTOR_TYPE_CONTACT, contact_id, NULL);
      if (contact == NULL)
        continue;
      company_id = kontor_contact_get_company_id (contact);
      if (company_id != NULL && !g_hash_table_contains (self->names, company_id))
        {
          g_autoptr(KontorCompany) company = kontor_store_load (store, KONTOR_TYPE_COMPANY,
                                                                company_id, NULL);

          if (company != NULL)
            add_name (self, KONTOR_RECORD (company));
        }
      g_hash_table_insert (self->contacts, g_strdup (contact_id), g_steal_pointer (&contact));
    }

  update_title (self);
  fill_statuses (self, statuses);
  fill_users (self, users);
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
  fill_follow_ups (self, entries);
  fill_sums (self, id);
  self->loading = FALSE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
  update_actions (self);

  return TRUE;
}

/* A page not shown reads the store once when it is shown again, not at
 * every change of a contact meanwhile */
static void
on_store_changed_cb (KontorLeadProjectPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->project != NULL && !reload (self))
    g_signal_emit (self, signals[GONE], 0);
}

static void
on_map_cb (KontorLeadProjectPage *self)
{
  if (!self->stale)
    return;
  self->stale = FALSE;
  on_store_changed_cb (self);
}

static void
on_filter_changed_cb (KontorLeadProjectPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->board_filter != NULL)
    kontor_filter_set_search_text (self->board_filter, *text != '\0' ? text : NULL);
  if (self->loading || self->filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

static void
on_filtered_items_changed_cb (KontorLeadProjectPage *self)
{
  if (!self->loading)
    update_stack (self);
}

static void
on_column_view_activate_cb (KontorLeadProjectPage *self,
                            guint                  position,
                            GtkColumnView         *view)
{
  g_autoptr(KontorLeadEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                            position);

  if (entry != NULL)
    kontor_lead_entry_dialog_present (GTK_WIDGET (self), self->context, entry);
}

/* Actions ---------------------------------------------------------------- */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorLeadProjectPage *self = KONTOR_LEAD_PROJECT_PAGE (widget);

  if (self->project != NULL)
    kontor_lead_project_dialog_present (widget, self->context, self->project, NULL, NULL, NULL);
}

static void
edit_statuses_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KontorLeadProjectPage *self = KONTOR_LEAD_PROJECT_PAGE (widget);

  if (self->project != NULL)
    kontor_lead_statuses_dialog_present (widget, self->context, self->project);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KontorLeadProjectPage *self = KONTOR_LEAD_PROJECT_PAGE (widget);
  gboolean archive = g_str_equal (action_name, "lead-project.archive");
  g_autoptr(KontorFieldChange) change = NULL;
  g_autofree char *title = NULL;
  GValue value = G_VALUE_INIT;

  if (self->project == NULL)
    return;
  title = g_strdup_printf (archive
                           /* Translators: the undo toast of archiving a lead project */
                           ? _("Lead project “%s” archived")
                           /* Translators: the undo toast of unarchiving a lead project */
                           : _("Lead project “%s” unarchived"),
                           kontor_lead_project_get_name (self->project));
  change = kontor_field_change_new (get_store (self), KONTOR_RECORD (self->project), title);
  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, archive);
  kontor_field_change_set_value (change, KONTOR_LEAD_PROJECT_FIELD_ARCHIVED, &value);
  kontor_ui_run_operation (widget, self->context, KONTOR_OPERATION (change));
}

static void
delete_project (KontorLeadProjectPage *self)
{
  g_autoptr(KontorLeadProjectWrite) write = NULL;
  g_autofree char *title = NULL;

  if (self->project == NULL)
    return;
  /* Translators: the undo toast after a lead project was deleted */
  title = g_strdup_printf (_("Lead project “%s” deleted"),
                           kontor_lead_project_get_name (self->project));
  write = kontor_lead_project_write_new_delete (get_store (self), self->project, title);
  kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (write));
}

static void
on_delete_response_cb (AdwMessageDialog      *dialog,
                       const char            *response,
                       KontorLeadProjectPage *self)
{
  if (g_str_equal (response, "delete"))
    delete_project (self);
}

/* An empty project goes at once (the toast undoes it); one with leads
 * only after asking, and with them, in one undo step */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorLeadProjectPage *self = KONTOR_LEAD_PROJECT_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->project == NULL)
    return;
  if (n == 0)
    {
      delete_project (self);
      return;
    }
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Delete the project and its %u lead?",
                                          "Delete the project and its %u leads?", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    kontor_ui_get_window (widget), heading,
    _("The contacts stay; their follow-ups stay on them as tasks. Undo brings the project "
      "back with its leads.")));
  kontor_ui_add_question_responses (dialog, "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_current_user_cb (KontorLeadProjectPage *self)
{
  update_actions (self);
}

/* GObject ---------------------------------------------------------------- */

static void
kontor_lead_project_page_constructed (GObject *object)
{
  KontorLeadProjectPage *self = KONTOR_LEAD_PROJECT_PAGE (object);
  static const char * const watched[] = {
    "changed::lead_project", "changed::lead_status", "changed::lead_entry", "changed::contact",
    "changed::company", "changed::activity", "changed::app_user",
  };
  g_autoptr(GtkSingleSelection) selection = NULL;

  G_OBJECT_CLASS (kontor_lead_project_page_parent_class)->constructed (object);

  self->board_filter = kontor_filter_new ();
  gtk_menu_button_set_popover (self->board_settings_button,
                               kontor_board_settings_new_card_fields (self->context));
  g_settings_bind (kontor_context_get_settings (self->context), "lead-project-view", self, "view",
                   G_SETTINGS_BIND_DEFAULT);
  self->entries = g_list_store_new (KONTOR_TYPE_LEAD_ENTRY);
  self->filter = gtk_custom_filter_new (filter_entry, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_filtered_items_changed_cb), self, G_CONNECT_SWAPPED);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (get_store (self), watched[i], G_CALLBACK (on_store_changed_cb),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_store (self), "notify::current-user",
                           G_CALLBACK (on_current_user_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  update_actions (self);
}

static void
kontor_lead_project_page_dispose (GObject *object)
{
  KontorLeadProjectPage *self = KONTOR_LEAD_PROJECT_PAGE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_LEAD_PROJECT_PAGE);
  self->board = NULL;
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->board_filter);
  g_clear_object (&self->entries);
  g_clear_object (&self->project);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_lead_project_page_parent_class)->dispose (object);
}

static void
kontor_lead_project_page_finalize (GObject *object)
{
  KontorLeadProjectPage *self = KONTOR_LEAD_PROJECT_PAGE (object);

  g_hash_table_unref (self->contacts);
  g_hash_table_unref (self->names);
  g_hash_table_unref (self->hidden_statuses);
  g_free (self->view);

  G_OBJECT_CLASS (kontor_lead_project_page_parent_class)->finalize (object);
}

static void
kontor_lead_project_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KontorLeadProjectPage *self = KONTOR_LEAD_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_lead_project_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KontorLeadProjectPage *self = KONTOR_LEAD_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      if (g_strcmp0 (self->view, g_value_get_string (value)) == 0)
        break;
      g_free (self->view);
      self->view = g_value_dup_string (value);
      if (self->entries != NULL && self->list_stale && !shows_board (self) &&
          self->project != NULL && !reload (self))
        g_signal_emit (self, signals[GONE], 0);
      else if (self->entries != NULL)
        update_stack (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_lead_project_page_class_init (KontorLeadProjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_lead_project_page_constructed;
  object_class->dispose = kontor_lead_project_page_dispose;
  object_class->finalize = kontor_lead_project_page_finalize;

  object_class->get_property = kontor_lead_project_page_get_property;
  object_class->set_property = kontor_lead_project_page_set_property;
  g_object_class_install_property (object_class, PROP_CONTEXT,
                                   g_param_spec_object ("context", NULL, NULL,
                                                        KONTOR_TYPE_CONTEXT,
                                                        G_PARAM_READWRITE |
                                                        G_PARAM_CONSTRUCT_ONLY |
                                                        G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_VIEW,
                                   g_param_spec_string ("view", NULL, NULL, "list",
                                                        G_PARAM_READWRITE |
                                                        G_PARAM_EXPLICIT_NOTIFY |
                                                        G_PARAM_STATIC_STRINGS));

  /**
   * KontorLeadProjectPage::gone:
   * @self: the page
   *
   * The project shown was deleted.
   */
  signals[GONE] = g_signal_new ("gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-lead-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, status_button);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, user_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, follow_ups_list);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, sums_expander);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage,
                                        board_settings_button);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, follow_ups_expander);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, sums_label);
  gtk_widget_class_bind_template_child (widget_class, KontorLeadProjectPage, forecast_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "lead-project.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "lead-project.edit-statuses", NULL,
                                   edit_statuses_action);
  gtk_widget_class_install_action (widget_class, "lead-project.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "lead-project.unarchive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "lead-project.delete", NULL, delete_action);
  gtk_widget_class_install_property_action (widget_class, "lead-project.view", "view");
}

static void
kontor_lead_project_page_init (KontorLeadProjectPage *self)
{
  self->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->hidden_statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kontor_lead_project_page_new:
 * @context: the context
 *
 * Returns: (transfer full): a page showing no project yet
 */
GtkWidget *
kontor_lead_project_page_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_LEAD_PROJECT_PAGE, "context", context, NULL);
}

/**
 * kontor_lead_project_page_show_project:
 * @self: the page
 * @project_id: the project to show
 *
 * Returns: %FALSE when there is no such project
 */
gboolean
kontor_lead_project_page_show_project (KontorLeadProjectPage *self,
                                       const char            *project_id)
{
  g_autoptr(KontorLeadProject) project = NULL;

  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT_PAGE (self), FALSE);
  g_return_val_if_fail (project_id != NULL, FALSE);

  project = kontor_store_load (get_store (self), KONTOR_TYPE_LEAD_PROJECT, project_id, NULL);
  if (project == NULL)
    return FALSE;
  if (self->project == NULL ||
      g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (self->project)), project_id) != 0)
    {
      /* another project's filters start anew, and its board: the one
       * shown before stops following the store */
      drop_board (self);
      g_hash_table_remove_all (self->hidden_statuses);
      update_status_button (self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->user_dropdown, 0);
    }
  g_set_object (&self->project, project);
  self->stale = FALSE;

  return reload (self);
}

/**
 * kontor_lead_project_page_get_project_id:
 * @self: the page
 *
 * Returns: (nullable): the id of the project shown
 */
const char *
kontor_lead_project_page_get_project_id (KontorLeadProjectPage *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT_PAGE (self), NULL);

  return self->project != NULL ? kontor_record_get_id (KONTOR_RECORD (self->project)) : NULL;
}

/**
 * kontor_lead_project_page_get_back_button:
 * @self: the page
 *
 * Returns: (transfer none): the button back to the sidebar when folded
 */
GtkWidget *
kontor_lead_project_page_get_back_button (KontorLeadProjectPage *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT_PAGE (self), NULL);

  return self->back_button;
}

/**
 * kontor_lead_project_page_get_leads:
 * @self: the page
 *
 * Returns: (transfer none): the leads listed, filtered as shown
 */
GListModel *
kontor_lead_project_page_get_leads (KontorLeadProjectPage *self)
{
  g_return_val_if_fail (KONTOR_IS_LEAD_PROJECT_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * kontor_lead_project_page_focus_list:
 * @self: the page
 *
 * Gives the keyboard focus to the list of leads, or the page's menu
 * when there are none.
 */
void
kontor_lead_project_page_focus_list (KontorLeadProjectPage *self)
{
  g_return_if_fail (KONTOR_IS_LEAD_PROJECT_PAGE (self));

  /* not the search when there are none: a text field takes Ctrl+Z for
   * its own text, and the undo toast of what was just done offers it */
  if (shows_board (self) && self->board != NULL &&
      kontor_board_focus (KONTOR_BOARD (self->board)))
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->menu_button));
}
