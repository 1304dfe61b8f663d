/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-contacts-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-board.h"
#include "kontor-board-settings.h"
#include "kontor-contacts-view.h"
#include "kontor-filter-chips.h"
#include "kontor-filter-panel.h"
#include "kontor-format.h"
#include "kontor-record-selection.h"
#include "kontor-search-assist.h"
#include "kontor-selection-bar.h"
#include "kontor-table.h"
#include "kontor-table-settings.h"
#include "kontor-ui-utils.h"

/* The contacts overview: a table (feature L1, src/README.md) or the pipeline board (P1),
 * as GSettings "contacts-view" says; both show the contacts of one filter.
 *
 *   KontorFilter ──▶ KontorRecordList ──▶ GtkSingleSelection ──▶ KontorTable
 *   (search, status,   (ids from SQLite, records on demand)
 *    leads, sort)  └─▶ KontorBoard (a list per column, made when first shown)
 *
 * The name cell carries a mark while the person objects to marketing
 * (feature X11, src/README.md "Data protection").
 *
 * Sorting is SQLite's: clicking a title tells the table's "sort-changed",
 * which becomes the filter's sort column and order, and the list re-runs
 * its indexed query (src/README.md, "Lists"). */

typedef enum
{
  CELL_NAME,    /* text, and a mark when the person objects to marketing */
  CELL_TEXT,
  CELL_STATUS,
  CELL_DATE,
} CellKind;

typedef struct
{
  KontorColumnInfo  base;
  CellKind          kind;
  const char       *property;    /* of KontorContact */
} ColumnInfo;

static const ColumnInfo column_infos[] = {
  { { "name", N_("Name"), KONTOR_SORT_NAME, 24, TRUE }, CELL_NAME, "display-name" },
  { { "company", N_("Company"), KONTOR_SORT_COMPANY, 24, TRUE }, CELL_TEXT, "company-name" },
  { { "status", N_("Status"), KONTOR_SORT_STATUS, 10, FALSE }, CELL_STATUS, "status" },
  { { "pipeline-status", N_("Pipeline Status"), KONTOR_SORT_PIPELINE_STATUS, 22, FALSE },
    CELL_TEXT, "pipeline-status-name" },
  { { "email", N_("E-mail"), KONTOR_SORT_EMAIL, 26, TRUE }, CELL_TEXT, "primary-email" },
  { { "phone", N_("Phone"), KONTOR_SORT_PHONE, 16, FALSE }, CELL_TEXT, "primary-phone" },
  { { "customer-number", N_("Customer Number"), KONTOR_SORT_CUSTOMER_NUMBER, 14, FALSE },
    CELL_TEXT, "customer-number" },
  { { "last-activity", N_("Last Activity"), KONTOR_SORT_LAST_ACTIVITY, 11, FALSE }, CELL_DATE,
    "last-activity-at" },
};

#define N_COLUMNS G_N_ELEMENTS (column_infos)

/* Status filter choices, in the drop-down's order */
static const guint status_filters[] = {
  KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) | KONTOR_STATUS_MASK_ACTIVE,
  KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX),
  KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_PROSPECT),
  KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_CUSTOMER),
  KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_ARCHIVED),
  0,
};

struct _KontorContactsView
{
  AdwBin               parent_instance;

  KontorContext       *context;
  KontorFilter        *filter;
  KontorRecordList    *list;
  KontorRecordSelection *selection;    /* several contacts (feature L6) */
  GtkWidget           *selection_bar;  /* under the table while some are selected */
  GSimpleActionGroup  *settings_actions;
  GSimpleAction       *view_action;    /* "table" or "board": what is shown */
  gboolean             building;
  GtkWidget           *board;          /* made when first shown */

  AdwWindowTitle      *window_title;
  char                *group_title;    /* the group shown, if any */
  char                *group_shown_id; /* its id; NULL for a temporary group */
  GtkButton           *back_button;
  GtkSearchEntry      *search_entry;
  GtkLabel            *search_problem_label;
  KontorSearchAssist  *search_assist;  /* operators: problems, completion */
  GtkDropDown         *status_dropdown;
  GtkDropDown         *assignee_dropdown;
  GPtrArray           *assignee_ids;   /* kontor_assignment_list()'s choices */
  guint                filling;
  GtkToggleButton     *advanced_button;
  AdwBin              *filter_bin;
  AdwBin              *chips_bin;
  GtkWidget           *filter_panel;   /* "Advanced" (feature L2), in the revealer */
  GtkWidget           *filter_chips;   /* one per criterion in force */
  GtkMenuButton       *board_settings_button;
  GtkMenuButton       *menu_button;
  GtkWidget           *new_contact_button;
  GtkStack            *content_stack;
  KontorTable         *table;
  AdwStatusPage       *error_page;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LEADS_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorContactsView, kontor_contacts_view, ADW_TYPE_BIN)

static void
update_status_label (KontorContact *contact,
                     GParamSpec    *pspec,
                     GtkLabel      *label)
{
  static const char *classes[] = {
    [KONTOR_CONTACT_STATUS_INBOX] = "status-inbox",
    [KONTOR_CONTACT_STATUS_PROSPECT] = "status-prospect",
    [KONTOR_CONTACT_STATUS_CUSTOMER] = "status-customer",
    [KONTOR_CONTACT_STATUS_ARCHIVED] = "status-archived",
  };
  KontorContactStatus status = kontor_contact_get_status (contact);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (label), classes[status]);
  gtk_label_set_label (label, kontor_contact_status_to_string (status));
}

/* the name cell's mark: shown while the person objects to marketing (X11) */
static void
update_marketing_mark (KontorContact *contact,
                       GParamSpec    *pspec,
                       GtkWidget     *mark)
{
  gtk_widget_set_visible (mark, !kontor_contact_allows_marketing (contact));
}

static GtkWidget *
new_text_cell (const ColumnInfo *info)
{
  GtkWidget *child = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (child),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (child), info->base.nat_chars);

  return child;
}

static gboolean
transform_date (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_take_string (to, kontor_format_date (g_value_get_int64 (from)));

  return TRUE;
}

static GtkWidget *
setup_cell (KontorTableColumn *column,
            gpointer           user_data)
{
  const ColumnInfo *info = user_data;
  GtkWidget *child;

  if (info->kind == CELL_STATUS)
    {
      child = gtk_label_new (NULL);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
      gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (child, "status-pill");
    }
  else if (info->kind == CELL_NAME)
    {
      GtkWidget *text = new_text_cell (info);
      GtkWidget *mark = gtk_image_new_from_icon_name ("action-unavailable-symbolic");

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (child), text);
      gtk_widget_set_visible (mark, FALSE);
      gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (mark, "warning");
      gtk_widget_add_css_class (mark, "marketing-objection");
      gtk_widget_set_tooltip_text (mark, _("Objects to marketing: left out of mailings and "
                                           "mail merges"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Objects to marketing"), -1);
      gtk_box_append (GTK_BOX (child), mark);
    }
  else
    {
      child = new_text_cell (info);
      if (info->kind == CELL_DATE)
        gtk_widget_add_css_class (child, "numeric");
    }

  return child;
}

static void
bind_cell (KontorTableColumn *column,
           GtkWidget         *child,
           gpointer           item,
           gpointer           user_data)
{
  const ColumnInfo *info = user_data;
  KontorContact *contact = item;
  GBinding *binding = NULL;

  switch (info->kind)
    {
    case CELL_NAME:
      binding = g_object_bind_property (contact, info->property,
                                        gtk_widget_get_first_child (child), "text",
                                        G_BINDING_SYNC_CREATE);
      update_marketing_mark (contact, NULL, gtk_widget_get_last_child (child));
      g_signal_connect_object (contact, "notify::marketing-objection",
                               G_CALLBACK (update_marketing_mark),
                               gtk_widget_get_last_child (child), 0);
      break;
    case CELL_TEXT:
      binding = g_object_bind_property (contact, info->property, child, "text",
                                        G_BINDING_SYNC_CREATE);
      break;
    case CELL_DATE:
      binding = g_object_bind_property_full (contact, info->property, child, "text",
                                             G_BINDING_SYNC_CREATE, transform_date,
                                             NULL, NULL, NULL);
      break;
    case CELL_STATUS:
      update_status_label (contact, NULL, GTK_LABEL (child));
      g_signal_connect_object (contact, "notify::status", G_CALLBACK (update_status_label),
                               child, 0);
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_set_data (G_OBJECT (child), "kontor-binding", binding);

  /* a row is read out by the name of its contact */
  if (info == &column_infos[0])
    {
      g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (contact));

      kontor_accessible_label_list_item (child, GTK_ACCESSIBLE_ROLE_ROW, name != NULL ? name : "");
      kontor_table_cell_set_row_name (child, name != NULL ? name : "");
    }
}

static void
unbind_cell (KontorTableColumn *column,
             GtkWidget         *child,
             gpointer           item,
             gpointer           user_data)
{
  const ColumnInfo *info = user_data;
  GBinding *binding = g_object_steal_data (G_OBJECT (child), "kontor-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  if (info->kind == CELL_STATUS && item != NULL)
    g_signal_handlers_disconnect_by_func (item, update_status_label, child);
  if (info->kind == CELL_NAME && item != NULL)
    g_signal_handlers_disconnect_by_func (item, update_marketing_mark,
                                          gtk_widget_get_last_child (child));
}

static guint column_nat_chars (const KontorColumnInfo *info);

static const KontorTableColumns table_columns = {
  .prefix = "contacts",
  .infos = column_infos,
  .info_size = sizeof (ColumnInfo),
  .n_infos = N_COLUMNS,
  .setup = setup_cell,
  .bind = bind_cell,
  .unbind = unbind_cell,
  .nat_chars = column_nat_chars,
};

/* the pill is as wide as its word in the language shown ("Interessent") */
static guint
column_nat_chars (const KontorColumnInfo *info)
{
  guint nat_chars = info->nat_chars;

  if (((const ColumnInfo *) info)->kind == CELL_STATUS)
    {
      for (KontorContactStatus status = KONTOR_CONTACT_STATUS_INBOX;
           status <= KONTOR_CONTACT_STATUS_ARCHIVED; status++)
        nat_chars = MAX (nat_chars,
                         g_utf8_strlen (kontor_contact_status_to_string (status), -1) + 3);
    }

  return nat_chars;
}

static void
on_table_sort_changed_cb (KontorContactsView *self,
                          KontorTable        *table)
{
  kontor_table_columns_sort_filter (&table_columns, table,
                                    self->building ? NULL
                                                   : kontor_context_get_settings (self->context),
                                    self->filter);
}

/* The columns shown in their order, and the widths dragged */
static void
save_columns (KontorContactsView *self)
{
  if (!self->building)
    kontor_table_columns_save (&table_columns, self->table,
                               kontor_context_get_settings (self->context));
}

static gboolean
shows_board (KontorContactsView *self)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (self->view_action));

  return g_str_equal (g_variant_get_string (state, NULL), "board");
}

static void update_content (KontorContactsView *self);

static void
ensure_board (KontorContactsView *self)
{
  if (self->board != NULL)
    return;

  self->board = kontor_board_new (self->context, self->filter);
  g_signal_connect_object (self->board, "notify::n-items", G_CALLBACK (update_content), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, self->board, "board");
}

/* The status pages get their icons when first shown
 * (kontor_ui_show_status_page()) */
static void
show_page (KontorContactsView *self,
           const char         *name)
{
  static const struct {
    const char *page;
    const char *icon;
  } icons[] = {
    { "empty", "avatar-default-symbolic" },
    { "no-results", "edit-find-symbolic" },
    { "error", "dialog-error-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      if (g_str_equal (name, icons[i].page))
        {
          kontor_ui_show_status_page (self->content_stack, name, icons[i].icon);
          return;
        }
    }

  gtk_stack_set_visible_child_name (self->content_stack, name);
}

static void
update_content (KontorContactsView *self)
{
  const GError *error = kontor_record_list_get_error (self->list);
  gboolean board = shows_board (self);
  guint n;
  g_autofree char *subtitle = NULL;

  if (board)
    ensure_board (self);

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      show_page (self, "error");
      return;
    }

  /* the board counts the cards on it: no inbox or archived contacts */
  n = board ? kontor_board_get_n_items (KONTOR_BOARD (self->board))
            : g_list_model_get_n_items (G_LIST_MODEL (self->list));
  /* Translators: the number of contacts the table or the board shows */
  subtitle = g_strdup_printf (ngettext ("%'u contact", "%'u contacts", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (n > 0)
    show_page (self, board ? "board" : "table");
  else if (kontor_store_count (kontor_context_get_store (self->context), KONTOR_TYPE_CONTACT,
                               NULL) == 0)
    show_page (self, "empty");
  else if (board)
    /* empty columns say more than "no results": where cards would be */
    show_page (self, "board");
  else
    show_page (self, "no-results");
}

/* Whether the keyboard focus is in the table or on the board */
static gboolean
focus_is_in_content (KontorContactsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL &&
         (focus == GTK_WIDGET (self->table) ||
          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->table)) ||
          (self->board != NULL && gtk_widget_is_ancestor (focus, self->board)));
}

static void
on_search_entry_search_changed_cb (KontorContactsView *self,
                                   GtkSearchEntry     *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_assert (KONTOR_IS_CONTACTS_VIEW (self));

  /* Typing on the table or the board started the search (the entry's key
   * capture): the entry takes over the typing */
  kontor_ui_search_takes_typing (entry, shows_board (self) && self->board != NULL
                                        ? self->board : GTK_WIDGET (self->table));

  kontor_filter_set_search_text (self->filter, text);
}

static void
on_search_entry_stop_search_cb (KontorContactsView *self,
                                GtkSearchEntry     *entry)
{
  g_assert (KONTOR_IS_CONTACTS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  kontor_contacts_view_focus_table (self);
}

static void
on_status_dropdown_notify_selected_cb (KontorContactsView *self,
                                       GParamSpec         *pspec,
                                       GtkDropDown        *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  g_assert (KONTOR_IS_CONTACTS_VIEW (self));

  /* past the choices: "Chosen Statuses", which the panel made */
  if (self->filling == 0 && selected < G_N_ELEMENTS (status_filters))
    kontor_filter_set_statuses (self->filter, status_filters[selected]);
}

/* "zugewiesen an" (feature L1): anyone, me, a colleague or a team, as in
 * the "Advanced" panel; the filter holds the id, so the table and the
 * board follow alike */
static void
on_assignee_dropdown_notify_selected_cb (KontorContactsView *self,
                                         GParamSpec         *pspec,
                                         GtkDropDown        *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->filling > 0 || self->assignee_ids == NULL || selected >= self->assignee_ids->len)
    return;

  kontor_assignment_apply (g_ptr_array_index (self->assignee_ids, selected), self->filter);
}

static void
fill_assignees (KontorContactsView *self)
{
  g_autoptr(GtkStringList) names = kontor_assignment_list (self->context, self->assignee_ids);
  guint selected = kontor_assignment_find (self->assignee_ids, self->filter);

  self->filling++;
  gtk_drop_down_set_model (self->assignee_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->assignee_dropdown,
                              selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  self->filling--;
  /* a colleague or a team that is gone: anyone again */
  if (selected == GTK_INVALID_LIST_POSITION)
    on_assignee_dropdown_notify_selected_cb (self, NULL, self->assignee_dropdown);
}

/* The quick filters show what the "Advanced" panel or a chip chose too.
 * Statuses that the status drop-down has no item for get one of their
 * own, for as long as they are chosen. */
static void
show_quick_filters (KontorContactsView *self)
{
  GtkStringList *items = GTK_STRING_LIST (gtk_drop_down_get_model (self->status_dropdown));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (items));
  guint statuses = kontor_filter_get_statuses (self->filter);
  guint selected = G_N_ELEMENTS (status_filters);
  guint assignee = kontor_assignment_find (self->assignee_ids, self->filter);

  for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
    if (status_filters[i] == statuses)
      selected = i;

  self->filling++;
  if (selected == G_N_ELEMENTS (status_filters) && n_items == G_N_ELEMENTS (status_filters))
    /* Translators: the status filter, when the "Advanced" panel chose statuses it has no item for */
    gtk_string_list_append (items, _("Chosen Statuses"));
  gtk_drop_down_set_selected (self->status_dropdown, selected);
  if (selected < G_N_ELEMENTS (status_filters) && n_items > G_N_ELEMENTS (status_filters))
    gtk_string_list_remove (items, G_N_ELEMENTS (status_filters));
  gtk_drop_down_set_selected (self->assignee_dropdown,
                              assignee != GTK_INVALID_LIST_POSITION ? assignee : 0);
  self->filling--;
}

/* The "Advanced" toggle shows the panel and takes the focus into it; as
 * the panel goes, a focus inside it comes back to the toggle */
static void
on_advanced_button_notify_active_cb (KontorContactsView *self,
                                     GParamSpec         *pspec,
                                     GtkToggleButton    *button)
{
  gboolean active = gtk_toggle_button_get_active (button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  g_assert (KONTOR_IS_CONTACTS_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->filter_bin), active);
  if (active)
    kontor_filter_panel_focus (KONTOR_FILTER_PANEL (self->filter_panel));
  else if (focus != NULL && gtk_widget_is_ancestor (focus, self->filter_panel))
    gtk_widget_grab_focus (GTK_WIDGET (button));
}

/* Ctrl+Shift+F */
static void
toggle_filter_panel_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KontorContactsView *self = KONTOR_CONTACTS_VIEW (widget);

  gtk_toggle_button_set_active (self->advanced_button,
                                !gtk_toggle_button_get_active (self->advanced_button));
}

/* Escape in the panel */
static void
on_filter_panel_close_cb (KontorContactsView *self)
{
  gtk_toggle_button_set_active (self->advanced_button, FALSE);
}

/* The last chip went with the focus on its button: the focus goes on to
 * the contacts */
static void
on_filter_chips_removed_cb (KontorContactsView *self)
{
  if (kontor_filter_chips_get_n_chips (KONTOR_FILTER_CHIPS (self->filter_chips)) == 0)
    kontor_contacts_view_focus_table (self);
}

static void
update_view (KontorContactsView *self)
{
  gboolean board = shows_board (self);

  /* Each view makes its rows when first shown: the one not shown costs
   * nothing (the table has no model, so no rows, before). */
  if (board)
    ensure_board (self);
  else if (kontor_table_get_model (self->table) == NULL)
    kontor_table_set_model (self->table, GTK_SELECTION_MODEL (self->selection));
  /* and the list of the table behind the board runs no queries */
  kontor_record_list_set_paused (self->list, board);
  gtk_widget_set_visible (GTK_WIDGET (self->board_settings_button), board);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.delete-selected", !board);
  kontor_selection_bar_set_available (KONTOR_SELECTION_BAR (self->selection_bar), !board);
  /* typing anywhere in the table or on the board starts a search */
  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           board ? self->board : GTK_WIDGET (self->table));
  update_content (self);
}

/* The switch's toggles and the content both follow the state of
 * settings.contacts-view, so they cannot disagree, whether or not the
 * settings take the choice (a locked key, dconf out of reach). */
static void
show_view (KontorContactsView *self,
           const char         *view)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (self->view_action));

  if (!g_str_equal (view, "board"))
    view = "table";
  if (g_str_equal (g_variant_get_string (state, NULL), view))
    return;

  g_simple_action_set_state (self->view_action, g_variant_new_string (view));
  update_view (self);

  /* the focus goes along to the other view, unless it is on the switch */
  if (focus_is_in_content (self))
    kontor_contacts_view_focus_table (self);
}

static void
on_view_action_change_state_cb (KontorContactsView *self,
                                GVariant           *value,
                                GSimpleAction      *action)
{
  g_assert (KONTOR_IS_CONTACTS_VIEW (self));

  show_view (self, g_variant_get_string (value, NULL));
  /* remembered for the next start when the settings take it */
  g_settings_set_string (kontor_context_get_settings (self->context), "contacts-view",
                         g_variant_get_string (value, NULL));
}

static void
on_settings_view_changed_cb (KontorContactsView *self,
                             const char         *key,
                             GSettings          *settings)
{
  g_autofree char *view = g_settings_get_string (settings, key);

  g_assert (KONTOR_IS_CONTACTS_VIEW (self));

  show_view (self, view);
}

static void
update_title (KontorContactsView *self)
{
  gboolean leads = kontor_filter_get_leads_only (self->filter);

  /* with type Lead, the overview is the lead overview (feature D1,
   * src/README.md); a group's name while the filter has the group (its
   * chip may take it away) */
  if (self->group_title != NULL &&
      (self->group_shown_id != NULL
       ? g_strcmp0 (kontor_filter_get_group_id (self->filter), self->group_shown_id) == 0
       : kontor_filter_get_contact_ids (self->filter) != NULL))
    adw_window_title_set_title (self->window_title, self->group_title);
  else
    adw_window_title_set_title (self->window_title, leads ? _("Leads") : _("Contacts"));
}

/* Whoever made it (the sidebar, the toolbar's "Leads", the panel's
 * switch, a chip), the lead filter is the lead overview */
static void
on_filter_leads_only_cb (KontorContactsView *self)
{
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEADS_ONLY]);
}

static void
on_table_activate_cb (KontorContactsView *self,
                      guint               position,
                      KontorTable        *table)
{
  g_autoptr(KontorRecord) contact = NULL;

  g_assert (KONTOR_IS_CONTACTS_VIEW (self));

  contact = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (contact == NULL || kontor_record_get_id (contact) == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contact", "s",
                              kontor_record_get_id (contact));
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KontorContactsView *self = KONTOR_CONTACTS_VIEW (widget);

  /* one contact is asked about by name (win.delete-contact), more by
   * their number */
  gtk_widget_activate_action (self->selection_bar, "selection.delete", NULL);
}

static void
build_columns (KontorContactsView *self)
{
  self->building = TRUE;
  kontor_table_columns_build (&table_columns, self->table,
                              kontor_context_get_settings (self->context));
  /* the filter follows even when the table was sorted so already */
  on_table_sort_changed_cb (self, self->table);
  self->building = FALSE;
}

/* "New Contact" is off for a role that may not add one: its tooltip
 * says why */
static void
update_new_contact_tooltip (KontorContactsView *self)
{
  g_autofree char *reason = kontor_ui_dup_role_reason (self->context);

  gtk_widget_set_tooltip_text (self->new_contact_button,
                               reason != NULL ? reason : _("New Contact (Ctrl+N)"));
}

static void
kontor_contacts_view_constructed (GObject *object)
{
  KontorContactsView *self = KONTOR_CONTACTS_VIEW (object);
  g_autofree char *view = NULL;
  GtkEventController *delete_key;

  G_OBJECT_CLASS (kontor_contacts_view_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));

  /* table or board, as at the last start */
  view = g_settings_get_string (kontor_context_get_settings (self->context), "contacts-view");
  self->view_action = g_simple_action_new_stateful ("contacts-view", G_VARIANT_TYPE_STRING,
                                                    g_variant_new_string (view));
  g_signal_connect_object (self->view_action, "change-state",
                           G_CALLBACK (on_view_action_change_state_cb), self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self->settings_actions), G_ACTION (self->view_action));
  g_signal_connect_object (kontor_context_get_settings (self->context), "changed::contacts-view",
                           G_CALLBACK (on_settings_view_changed_cb), self, G_CONNECT_SWAPPED);

  self->search_assist = kontor_search_assist_new (self->search_entry, self->search_problem_label,
                                                  kontor_context_get_store (self->context));
  self->filter = kontor_filter_new ();
  kontor_filter_set_statuses (self->filter, status_filters[0]);
  /* the table's list waits while the board is shown (update_view) */
  self->list = g_object_new (KONTOR_TYPE_RECORD_LIST,
                             "store", kontor_context_get_store (self->context),
                             "item-type", KONTOR_TYPE_CONTACT,
                             "filter", self->filter,
                             "paused", shows_board (self),
                             NULL);
  /* nothing selected until a person selects; selecting all of 100 000
   * contacts loads none of them (kontor-record-selection.c) */
  self->selection = kontor_record_selection_new (self->list);
  kontor_table_set_show_checks (self->table, TRUE);
  self->selection_bar = kontor_selection_bar_new (self->context, self->selection);
  /* under the table, the last of the view's column */
  gtk_box_append (GTK_BOX (adw_bin_get_child (ADW_BIN (self))), self->selection_bar);

  g_signal_connect_object (self->table, "sort-changed", G_CALLBACK (on_table_sort_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "columns-changed", G_CALLBACK (save_columns),
                           self, G_CONNECT_SWAPPED);
  build_columns (self);

  /* the table's rows are made when the table is first shown (update_view) */

  g_signal_connect_object (self->list, "notify::n-items", G_CALLBACK (update_content), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::error", G_CALLBACK (update_content), self,
                           G_CONNECT_SWAPPED);

  /* Delete before the search entry's key capture (update_view), which
   * would take it as a key for the entry */
  delete_key = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (delete_key, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (delete_key),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                      gtk_named_action_new ("contacts.delete-selected")));
  gtk_widget_add_controller (GTK_WIDGET (self->table), delete_key);

  gtk_menu_button_set_popover (self->board_settings_button,
                               kontor_board_settings_new (self->context));
  gtk_menu_button_set_menu_model (self->menu_button, kontor_ui_get_primary_menu ());

  kontor_accessible_label_drop_down (self->status_dropdown);

  self->assignee_ids = g_ptr_array_new_with_free_func (g_free);
  fill_assignees (self);
  kontor_accessible_label_drop_down (self->assignee_dropdown);
  g_signal_connect_object (kontor_context_get_store (self->context), "changed::app_user",
                           G_CALLBACK (fill_assignees), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kontor_context_get_store (self->context), "notify::current-user",
                           G_CALLBACK (fill_assignees), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kontor_context_get_store (self->context), "notify::current-user",
                           G_CALLBACK (update_new_contact_tooltip), self, G_CONNECT_SWAPPED);
  update_new_contact_tooltip (self);
  g_signal_connect_object (kontor_context_get_store (self->context), "changed::team",
                           G_CALLBACK (fill_assignees), self, G_CONNECT_SWAPPED);

  /* the "Advanced" panel and the chips of the filter shared by the table
   * and the board; the quick filters show what they chose */
  self->filter_panel = kontor_filter_panel_new (self->context, self->filter);
  g_signal_connect_object (self->filter_panel, "close", G_CALLBACK (on_filter_panel_close_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->filter_bin, self->filter_panel);
  self->filter_chips = kontor_filter_chips_new (self->context, self->filter);
  g_signal_connect_object (self->filter_chips, "removed", G_CALLBACK (on_filter_chips_removed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->chips_bin, self->filter_chips);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (show_quick_filters), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::leads-only",
                           G_CALLBACK (on_filter_leads_only_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::group-id", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);

  update_title (self);
  update_view (self);
}

static void
kontor_contacts_view_dispose (GObject *object)
{
  KontorContactsView *self = KONTOR_CONTACTS_VIEW (object);

  /* nothing to save while the table goes */
  if (self->table != NULL)
    g_signal_handlers_disconnect_by_data (self->table, self);

  if (self->board != NULL)
    g_signal_handlers_disconnect_by_data (self->board, self);
  self->board = NULL;

  /* its popover goes before the entry it hangs on */
  g_clear_object (&self->search_assist);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_CONTACTS_VIEW);

  g_clear_pointer (&self->assignee_ids, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->group_title, g_free);
  g_clear_pointer (&self->group_shown_id, g_free);
  g_clear_object (&self->settings_actions);
  g_clear_object (&self->view_action);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_contacts_view_parent_class)->dispose (object);
}

static void
kontor_contacts_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KontorContactsView *self = KONTOR_CONTACTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_LEADS_ONLY:
      g_value_set_boolean (value,
                           self->filter != NULL && kontor_filter_get_leads_only (self->filter));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_contacts_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KontorContactsView *self = KONTOR_CONTACTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_LEADS_ONLY:
      kontor_contacts_view_set_leads_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_contacts_view_class_init (KontorContactsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_contacts_view_constructed;
  object_class->dispose = kontor_contacts_view_dispose;
  object_class->get_property = kontor_contacts_view_get_property;
  object_class->set_property = kontor_contacts_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KONTOR_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEADS_ONLY] =
    g_param_spec_boolean ("leads-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KONTOR_TYPE_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-contacts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, window_title);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, back_button);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, search_problem_label);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, assignee_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, advanced_button);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, filter_bin);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, chips_bin);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, board_settings_button);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, new_contact_button);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, table);
  gtk_widget_class_bind_template_child (widget_class, KontorContactsView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_assignee_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_advanced_button_notify_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate_cb);

  gtk_widget_class_install_action (widget_class, "contacts.delete-selected", NULL,
                                   delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "contacts.delete-selected", NULL);
  gtk_widget_class_install_property_action (widget_class, "contacts.leads-only", "leads-only");
  gtk_widget_class_install_action (widget_class, "contacts.toggle-filter-panel", NULL,
                                   toggle_filter_panel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contacts.toggle-filter-panel", NULL);
}

static void
kontor_contacts_view_init (KontorContactsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings_actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings",
                                  G_ACTION_GROUP (self->settings_actions));
}

/**
 * kontor_contacts_view_new:
 * @context: the context
 *
 * Returns: (transfer full): the contacts table with its search bar
 */
GtkWidget *
kontor_contacts_view_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_CONTACTS_VIEW, "context", context, NULL);
}

/**
 * kontor_contacts_view_get_list:
 * @self: a view
 *
 * Returns: (transfer none): the contacts the table shows
 */
KontorRecordList *
kontor_contacts_view_get_list (KontorContactsView *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACTS_VIEW (self), NULL);

  return self->list;
}

/**
 * kontor_contacts_view_get_table:
 * @self: a view
 *
 * Returns: (transfer none): the table
 */
KontorTable *
kontor_contacts_view_get_table (KontorContactsView *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACTS_VIEW (self), NULL);

  return self->table;
}

/**
 * kontor_contacts_view_sort_by:
 * @self: a view
 * @column_id: a column's id ("name", "company", …)
 * @order: the order
 *
 * Sorts the table as clicking a title does, and remembers it.
 */
void
kontor_contacts_view_sort_by (KontorContactsView *self,
                              const char         *column_id,
                              GtkSortType         order)
{
  g_return_if_fail (KONTOR_IS_CONTACTS_VIEW (self));
  g_return_if_fail (column_id != NULL);

  kontor_table_set_sort (self->table, column_id, order);
}

/**
 * kontor_contacts_view_get_search_entry:
 * @self: a view
 *
 * Returns: (transfer none): the search entry
 */
GtkEditable *
kontor_contacts_view_get_search_entry (KontorContactsView *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACTS_VIEW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

void
kontor_contacts_view_focus_search (KontorContactsView *self)
{
  g_return_if_fail (KONTOR_IS_CONTACTS_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * kontor_contacts_view_focus_table:
 * @self: a view
 *
 * Gives the focus to the table, or to the board's card that had it last.
 */
void
kontor_contacts_view_focus_table (KontorContactsView *self)
{
  g_return_if_fail (KONTOR_IS_CONTACTS_VIEW (self));

  if (shows_board (self) && self->board != NULL)
    {
      if (!kontor_board_focus (KONTOR_BOARD (self->board)))
        gtk_widget_grab_focus (self->board);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->table));
}

/**
 * kontor_contacts_view_get_board:
 * @self: a view
 *
 * Returns: (transfer none): the pipeline board, made now if it was not yet
 */
KontorBoard *
kontor_contacts_view_get_board (KontorContactsView *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACTS_VIEW (self), NULL);

  ensure_board (self);

  return KONTOR_BOARD (self->board);
}

/**
 * kontor_contacts_view_set_leads_only:
 * @self: a view
 * @leads_only: whether to show only leads
 *
 * The "Leads" type filter (feature D1, src/README.md): the lead overview, table and board.
 */
void
kontor_contacts_view_set_leads_only (KontorContactsView *self,
                                     gboolean            leads_only)
{
  g_return_if_fail (KONTOR_IS_CONTACTS_VIEW (self));

  /* the title and "leads-only" follow (on_filter_leads_only_cb) */
  kontor_filter_set_leads_only (self->filter, leads_only);
}

/**
 * kontor_contacts_view_select:
 * @self: a view
 * @contact_id: a contact's id
 *
 * Selects the contact when the table shows it.
 */
void
kontor_contacts_view_select (KontorContactsView *self,
                             const char         *contact_id)
{
  guint position;

  g_return_if_fail (KONTOR_IS_CONTACTS_VIEW (self));
  g_return_if_fail (contact_id != NULL);

  position = kontor_record_list_find (self->list, contact_id);
  if (position != G_MAXUINT)
    kontor_table_set_cursor (self->table, position, TRUE);
}

/**
 * kontor_contacts_view_get_back_button:
 * @self: a view
 *
 * Returns: (transfer none): the button back to the sidebar, which the
 *   workspace shows while its sidebar is folded away
 */
GtkWidget *
kontor_contacts_view_get_back_button (KontorContactsView *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACTS_VIEW (self), NULL);

  return GTK_WIDGET (self->back_button);
}

/**
 * kontor_contacts_view_get_filter:
 * @self: a view
 *
 * Returns: (transfer none): the filter of the table and the board
 */
KontorFilter *
kontor_contacts_view_get_filter (KontorContactsView *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACTS_VIEW (self), NULL);

  return self->filter;
}

/**
 * kontor_contacts_view_show_group:
 * @self: a view
 * @group_id: (nullable): a stored group's id
 * @contact_ids: (nullable): or the contacts of a temporary group
 * @title: (nullable): the group's name, the view's title while it shows it
 *
 * Shows the contacts of a group (features L3–L5, src/README.md "Groups"),
 * of every type; both %NULL show every contact again.
 */
void
kontor_contacts_view_show_group (KontorContactsView *self,
                                 const char         *group_id,
                                 const char * const *contact_ids,
                                 const char         *title)
{
  g_return_if_fail (KONTOR_IS_CONTACTS_VIEW (self));

  g_free (self->group_title);
  self->group_title = g_strdup (title);
  g_free (self->group_shown_id);
  self->group_shown_id = g_strdup (group_id);

  g_object_freeze_notify (G_OBJECT (self->filter));
  kontor_filter_set_group_id (self->filter, group_id);
  kontor_filter_set_contact_ids (self->filter, contact_ids);
  g_object_thaw_notify (G_OBJECT (self->filter));
  if (group_id != NULL || contact_ids != NULL)
    kontor_contacts_view_set_leads_only (self, FALSE);
  update_title (self);
}

/**
 * kontor_contacts_view_dup_selected_ids:
 * @self: a view
 *
 * The contacts selected in the table (feature L6), for what the action
 * bar does with them. Found by their row ids in one query each, without
 * loading the contacts.
 *
 * Returns: (transfer full): their ids in the table's order,
 *   %NULL-terminated; empty when none is selected
 */
char **
kontor_contacts_view_dup_selected_ids (KontorContactsView *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACTS_VIEW (self), NULL);

  return kontor_selection_bar_dup_ids (KONTOR_SELECTION_BAR (self->selection_bar));
}

/**
 * kontor_contacts_view_get_n_selected:
 * @self: a view
 *
 * Returns: how many contacts the table shows selected
 */
guint
kontor_contacts_view_get_n_selected (KontorContactsView *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACTS_VIEW (self), 0);

  return kontor_record_selection_get_n_selected (self->selection);
}

/**
 * kontor_contacts_view_clear_selection:
 * @self: a view
 *
 * Selects no contact: the action bar goes.
 */
void
kontor_contacts_view_clear_selection (KontorContactsView *self)
{
  g_return_if_fail (KONTOR_IS_CONTACTS_VIEW (self));

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

/**
 * kontor_contacts_view_get_title:
 * @self: a view
 *
 * Returns: what the view shows, as its header says ("Leads", a group's
 *   name), for a printed call list's title
 */
const char *
kontor_contacts_view_get_title (KontorContactsView *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACTS_VIEW (self), NULL);

  return adw_window_title_get_title (self->window_title);
}
