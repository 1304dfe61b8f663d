/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-companies-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-channel.h"
#include "kontor-companies-view.h"
#include "kontor-table-settings.h"
#include "kontor-ui-utils.h"

/* The companies table (feature C1, src/README.md "Workspace"): the same fast list as the
 * contacts, over the companies of a filter (its search text and sort).
 *
 *   KontorFilter ──▶ KontorRecordList ──▶ GtkSingleSelection ──▶ KontorTable
 *
 * A company's phone and e-mail columns show its first number and address.
 * Enter or a double click opens the company's page (win.show-company). */

typedef enum
{
  CELL_TEXT,
  CELL_CHANNEL,
} CellKind;

typedef struct
{
  KontorColumnInfo  base;
  CellKind          kind;
  const char       *property;    /* of KontorCompany */
} ColumnInfo;

static const ColumnInfo column_infos[] = {
  { { "name", N_("Name"), KONTOR_SORT_NAME, 28, TRUE }, CELL_TEXT, "name" },
  { { "customer-number", N_("Customer Number"), KONTOR_SORT_CUSTOMER_NUMBER, 14, FALSE },
    CELL_TEXT, "customer-number" },
  { { "city", N_("City"), -1, 16, FALSE }, CELL_TEXT, "city" },
  { { "phone", N_("Phone"), -1, 16, FALSE }, CELL_CHANNEL, "phones" },
  { { "email", N_("E-mail"), -1, 26, TRUE }, CELL_CHANNEL, "emails" },
  { { "website", N_("Website"), -1, 22, FALSE }, CELL_TEXT, "website" },
  { { "industry", N_("Industry"), -1, 16, FALSE }, CELL_TEXT, "industry" },
};

struct _KontorCompaniesView
{
  AdwBin               parent_instance;

  KontorContext       *context;
  KontorFilter        *filter;
  KontorRecordList    *list;
  GtkSingleSelection  *selection;
  gboolean             building;

  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkMenuButton       *menu_button;
  GtkSearchEntry      *search_entry;
  GtkStack            *content_stack;
  KontorTable         *table;
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (KontorCompaniesView, kontor_companies_view, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------ */
/* Cells */

/* The first of a company's e-mail addresses or phone numbers */
static void
update_channel_cell (KontorCompany *company,
                     GParamSpec    *pspec,
                     GtkInscription *cell)
{
  const ColumnInfo *info = g_object_get_data (G_OBJECT (cell), "kontor-column");
  GPtrArray *channels = NULL;

  g_object_get (company, info->property, &channels, NULL);
  gtk_inscription_set_text (cell, channels != NULL && channels->len > 0
                                  ? ((KontorChannel *) g_ptr_array_index (channels, 0))->value
                                  : NULL);
  g_clear_pointer (&channels, g_ptr_array_unref);
}

static GtkWidget *
setup_cell (KontorTableColumn *column,
            gpointer           user_data)
{
  const ColumnInfo *info = user_data;
  GtkWidget *child = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (child),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (child), info->base.nat_chars);
  g_object_set_data (G_OBJECT (child), "kontor-column", (gpointer) info);

  return child;
}

static void
bind_cell (KontorTableColumn *column,
           GtkWidget         *child,
           gpointer           item,
           gpointer           user_data)
{
  const ColumnInfo *info = user_data;
  KontorCompany *company = item;

  if (info->kind == CELL_TEXT)
    {
      GBinding *binding = g_object_bind_property (company, info->property, child, "text",
                                                  G_BINDING_SYNC_CREATE);

      g_object_set_data (G_OBJECT (child), "kontor-binding", binding);
    }
  else
    {
      g_autofree char *signal = g_strconcat ("notify::", info->property, NULL);

      update_channel_cell (company, NULL, GTK_INSCRIPTION (child));
      g_signal_connect_object (company, signal, G_CALLBACK (update_channel_cell), child, 0);
    }

  /* a row is read out by the name of its company */
  if (info == &column_infos[0])
    kontor_accessible_label_list_item (child, GTK_ACCESSIBLE_ROLE_ROW,
                                       kontor_company_get_name (company) != NULL
                                       ? kontor_company_get_name (company) : "");
}

static void
unbind_cell (KontorTableColumn *column,
             GtkWidget         *child,
             gpointer           item,
             gpointer           user_data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (child), "kontor-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, update_channel_cell, child);
}

static const KontorTableColumns table_columns = {
  .prefix = "companies",
  .infos = column_infos,
  .info_size = sizeof (ColumnInfo),
  .n_infos = G_N_ELEMENTS (column_infos),
  .setup = setup_cell,
  .bind = bind_cell,
  .unbind = unbind_cell,
};

/* ------------------------------------------------------------------------ */
/* The table and what it shows */

static void
on_table_sort_changed_cb (KontorCompaniesView *self,
                          KontorTable         *table)
{
  kontor_table_columns_sort_filter (&table_columns, table,
                                    self->building ? NULL
                                                   : kontor_context_get_settings (self->context),
                                    self->filter);
}

static void
save_columns (KontorCompaniesView *self)
{
  if (!self->building)
    kontor_table_columns_save (&table_columns, self->table,
                               kontor_context_get_settings (self->context));
}

static void
update_content (KontorCompaniesView *self)
{
  const GError *error = kontor_record_list_get_error (self->list);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *subtitle = NULL;

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      kontor_ui_show_status_page (self->content_stack, "error", "dialog-error-symbolic");
      return;
    }

  /* Translators: the number of companies the table shows */
  subtitle = g_strdup_printf (ngettext ("%'u company", "%'u companies", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "table");
  else if (kontor_store_count (kontor_context_get_store (self->context), KONTOR_TYPE_COMPANY,
                               NULL) == 0)
    kontor_ui_show_status_page (self->content_stack, "empty", "system-users-symbolic");
  else
    kontor_ui_show_status_page (self->content_stack, "no-results", "edit-find-symbolic");
}

static void
on_search_entry_search_changed_cb (KontorCompaniesView *self,
                                   GtkSearchEntry      *entry)
{
  kontor_ui_search_takes_typing (entry, GTK_WIDGET (self->table));
  kontor_filter_set_search_text (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_entry_stop_search_cb (KontorCompaniesView *self,
                                GtkSearchEntry      *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  kontor_companies_view_focus_table (self);
}

static void
on_table_activate_cb (KontorCompaniesView *self,
                      guint                position,
                      KontorTable         *table)
{
  g_autoptr(KontorRecord) company = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (company == NULL || kontor_record_get_id (company) == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-company", "s",
                              kontor_record_get_id (company));
}

/* ------------------------------------------------------------------------ */

static void
kontor_companies_view_constructed (GObject *object)
{
  KontorCompaniesView *self = KONTOR_COMPANIES_VIEW (object);

  G_OBJECT_CLASS (kontor_companies_view_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));

  self->filter = kontor_filter_new ();
  self->list = kontor_record_list_new (kontor_context_get_store (self->context),
                                       KONTOR_TYPE_COMPANY, self->filter);
  self->selection = kontor_table_new_selection (G_LIST_MODEL (self->list));

  g_signal_connect_object (self->table, "sort-changed", G_CALLBACK (on_table_sort_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "columns-changed", G_CALLBACK (save_columns),
                           self, G_CONNECT_SWAPPED);
  self->building = TRUE;
  kontor_table_columns_build (&table_columns, self->table,
                              kontor_context_get_settings (self->context));
  on_table_sort_changed_cb (self, self->table);
  self->building = FALSE;

  g_signal_connect_object (self->list, "notify::n-items", G_CALLBACK (update_content), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::error", G_CALLBACK (update_content), self,
                           G_CONNECT_SWAPPED);

  kontor_table_set_model (self->table, GTK_SELECTION_MODEL (self->selection));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->table));
  gtk_menu_button_set_menu_model (self->menu_button, kontor_ui_get_primary_menu ());

  update_content (self);
}

static void
kontor_companies_view_dispose (GObject *object)
{
  KontorCompaniesView *self = KONTOR_COMPANIES_VIEW (object);

  if (self->table != NULL)
    g_signal_handlers_disconnect_by_data (self->table, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_COMPANIES_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->filter);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_companies_view_parent_class)->dispose (object);
}

static void
kontor_companies_view_class_init (KontorCompaniesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_companies_view_constructed;
  object_class->dispose = kontor_companies_view_dispose;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorCompaniesView, context));

  g_type_ensure (KONTOR_TYPE_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-companies-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorCompaniesView, window_title);
  gtk_widget_class_bind_template_child (widget_class, KontorCompaniesView, back_button);
  gtk_widget_class_bind_template_child (widget_class, KontorCompaniesView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KontorCompaniesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KontorCompaniesView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KontorCompaniesView, table);
  gtk_widget_class_bind_template_child (widget_class, KontorCompaniesView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate_cb);
}

static void
kontor_companies_view_init (KontorCompaniesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kontor_companies_view_new:
 * @context: the context
 *
 * Returns: (transfer full): the companies table with its search
 */
GtkWidget *
kontor_companies_view_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_COMPANIES_VIEW, "context", context, NULL);
}

/**
 * kontor_companies_view_get_list:
 * @self: a view
 *
 * Returns: (transfer none): the companies the table shows
 */
KontorRecordList *
kontor_companies_view_get_list (KontorCompaniesView *self)
{
  g_return_val_if_fail (KONTOR_IS_COMPANIES_VIEW (self), NULL);

  return self->list;
}

/**
 * kontor_companies_view_get_table:
 * @self: a view
 *
 * Returns: (transfer none): the table
 */
KontorTable *
kontor_companies_view_get_table (KontorCompaniesView *self)
{
  g_return_val_if_fail (KONTOR_IS_COMPANIES_VIEW (self), NULL);

  return self->table;
}

/**
 * kontor_companies_view_get_search_entry:
 * @self: a view
 *
 * Returns: (transfer none): the search entry
 */
GtkEditable *
kontor_companies_view_get_search_entry (KontorCompaniesView *self)
{
  g_return_val_if_fail (KONTOR_IS_COMPANIES_VIEW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

/**
 * kontor_companies_view_focus_table:
 * @self: a view
 *
 * Gives the keyboard focus to the table.
 */
void
kontor_companies_view_focus_table (KontorCompaniesView *self)
{
  g_return_if_fail (KONTOR_IS_COMPANIES_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->table));
}

/**
 * kontor_companies_view_get_back_button:
 * @self: a view
 *
 * Returns: (transfer none): the button back to the sidebar, which the
 *   window shows while its sidebar is folded away
 */
GtkWidget *
kontor_companies_view_get_back_button (KontorCompaniesView *self)
{
  g_return_val_if_fail (KONTOR_IS_COMPANIES_VIEW (self), NULL);

  return GTK_WIDGET (self->back_button);
}
