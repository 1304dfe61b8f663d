/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-activities-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-activities-section.h"
#include "kontor-activities-view.h"
#include "kontor-activity-dialog.h"
#include "kontor-contact-search.h"
#include "kontor-format.h"
#include "kontor-record-list.h"
#include "kontor-ui-utils.h"

/* The "Aktivitäten" section of the sidebar (feature A6, src/README.md
 * "Activities"): every activity, newest first, in the same fast list as
 * the contacts (a KontorRecordList of row ids; records made when a row is
 * shown), searched in subjects and notes as typed, and filtered by kind,
 * open tasks and the one person taking part: a colleague (a drop-down) or
 * a contact (found by typing: KontorContactSearch, shown as a chip that
 * removes it). Both controls show the filter's one participant id.
 *
 *   KontorFilter ──▶ KontorRecordList ──▶ GtkNoSelection ──▶ GtkListView
 *
 * Enter or a double click opens the activity (KontorActivityDialog); a
 * row's button opens the contact or company it was recorded on. */

struct _KontorActivitiesView
{
  AdwBin              parent_instance;

  KontorContext      *context;
  KontorFilter       *filter;
  KontorRecordList   *list;

  AdwWindowTitle     *window_title;
  GtkButton          *back_button;
  GtkMenuButton      *menu_button;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_drop_down;
  GtkToggleButton    *open_tasks_button;
  GtkDropDown        *colleague_drop_down;
  GtkWidget          *toolbar;
  GtkSearchEntry     *contact_entry;
  GtkButton          *contact_chip;
  GtkLabel           *contact_chip_label;
  KontorContactSearch *contact_search;
  GtkStack           *content_stack;
  GtkListView        *list_view;
  AdwStatusPage      *error_page;
};

G_DEFINE_FINAL_TYPE (KontorActivitiesView, kontor_activities_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static KontorStore *
get_store (KontorActivitiesView *self)
{
  return kontor_context_get_store (self->context);
}

/* ------------------------------------------------------------------------ */
/* Rows */

typedef struct
{
  GtkImage  *icon;
  GtkLabel  *title;
  GtkLabel  *subtitle;
  GtkWidget *people;        /* participants, files: hints */
  GtkWidget *paperclip;
  GtkButton *owner_button;
} Row;

static void
on_owner_clicked_cb (GtkButton *button,
                     gpointer   user_data)
{
  const char *contact_id = g_object_get_data (G_OBJECT (button), "kontor-contact-id");
  const char *company_id = g_object_get_data (G_OBJECT (button), "kontor-company-id");

  if (contact_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (button), "win.show-contact", "s", contact_id);
  else if (company_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (button), "win.show-company", "s", company_id);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  Row *row = g_new0 (Row, 1);

  row->icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "", -1);
  row->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->title, 0);
  gtk_label_set_ellipsize (row->title, PANGO_ELLIPSIZE_END);
  row->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->subtitle, 0);
  gtk_label_set_ellipsize (row->subtitle, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->subtitle), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->subtitle), "caption");
  row->owner_button = GTK_BUTTON (gtk_button_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (row->owner_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (row->owner_button), GTK_ALIGN_CENTER);
  g_signal_connect (row->owner_button, "clicked", G_CALLBACK (on_owner_clicked_cb), NULL);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (row->title));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (row->subtitle));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->icon));
  gtk_box_append (GTK_BOX (box), texts);
  /* said in the row's label instead */
  row->people = gtk_image_new_from_icon_name ("system-users-symbolic");
  row->paperclip = gtk_image_new_from_icon_name ("mail-attachment-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->people), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->paperclip),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (box), row->people);
  gtk_box_append (GTK_BOX (box), row->paperclip);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->owner_button));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  g_object_set_data_full (G_OBJECT (box), "kontor-row", row, g_free);
  gtk_list_item_set_child (item, box);
}

/* "Phone call · Acquisition · 3 days ago · Anna Schneider" */
static char *
dup_subtitle (KontorActivity *activity,
              const char     *owner)
{
  KontorActivityKind kind = kontor_activity_get_kind (activity);
  g_autofree char *when = NULL;

  if (kind == KONTOR_ACTIVITY_KIND_TASK && !kontor_activity_get_done (activity))
    {
      g_autofree char *due = kontor_format_iso_date (kontor_activity_get_due_on (activity));

      when = due != NULL ? g_strdup_printf (_("due %s"), due) : g_strdup (_("open"));
    }
  else
    when = kontor_format_ago (kind == KONTOR_ACTIVITY_KIND_TASK
                              ? kontor_activity_get_done_at (activity)
                              : kontor_activity_get_starts_at (activity));

  /* Translators: an activity in the list of all: kind, topic, when, where */
  return g_strdup_printf (_("%s · %s · %s · %s"), kontor_activity_kind_to_string (kind),
                          kontor_activity_topic_to_string (kontor_activity_get_topic (activity)),
                          when != NULL ? when : "", owner != NULL ? owner : "");
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  KontorActivitiesView *self = user_data;
  KontorActivity *activity = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  Row *row = g_object_get_data (G_OBJECT (box), "kontor-row");
  const char *contact_id = kontor_activity_get_contact_id (activity);
  const char *company_id = kontor_activity_get_company_id (activity);
  g_autoptr(KontorRecord) owner = NULL;
  g_autofree char *owner_name = NULL;
  g_autofree char *title = kontor_record_dup_display_name (KONTOR_RECORD (activity));
  g_autofree char *subtitle = NULL;
  g_autofree char *open_label = NULL;
  g_autofree char *label = NULL;
  g_autofree char *hint = NULL;
  gboolean has_files, has_people;

  /* one row's owner: a look-up by its unique id */
  owner = kontor_store_load (get_store (self),
                             contact_id != NULL ? KONTOR_TYPE_CONTACT : KONTOR_TYPE_COMPANY,
                             contact_id != NULL ? contact_id : company_id, NULL);
  owner_name = owner != NULL ? kontor_record_dup_display_name (owner) : NULL;
  subtitle = dup_subtitle (activity, owner_name);

  gtk_image_set_from_icon_name (row->icon,
                                kontor_activity_kind_icon_name (kontor_activity_get_kind (activity)));
  gtk_label_set_label (row->title, title);
  gtk_label_set_label (row->subtitle, subtitle);

  g_object_set_data_full (G_OBJECT (row->owner_button), "kontor-contact-id",
                          g_strdup (contact_id), g_free);
  g_object_set_data_full (G_OBJECT (row->owner_button), "kontor-company-id",
                          g_strdup (company_id), g_free);
  gtk_widget_set_visible (GTK_WIDGET (row->owner_button), owner_name != NULL);
  /* Translators: the button of an activity's row that opens its contact or company */
  open_label = g_strdup_printf (_("Open %s"), owner_name != NULL ? owner_name : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->owner_button), open_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->owner_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);

  hint = kontor_activity_dup_hint (activity, &has_files, &has_people);
  gtk_widget_set_visible (row->people, has_people);
  gtk_widget_set_visible (row->paperclip, has_files);
  gtk_widget_set_tooltip_text (box, hint);

  /* Translators: what a screen reader says of a row: the title, then the rest */
  label = g_strdup_printf (_("%s, %s"), title, subtitle);
  if (hint != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&label);

      label = g_strdup_printf (_("%s, %s"), plain, hint);
    }
  kontor_accessible_label_list_item (box, GTK_ACCESSIBLE_ROLE_LIST_ITEM, label);
}

static void
on_list_activate_cb (KontorActivitiesView *self,
                     guint                 position,
                     GtkListView          *list_view)
{
  g_autoptr(KontorActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->list),
                                                              position);
  KontorActivityDialog *dialog;

  if (activity == NULL)
    return;

  dialog = kontor_activity_dialog_new (GTK_WIDGET (self), self->context, activity);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Filter */

static void
update_content (KontorActivitiesView *self)
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

  /* Translators: the number of activities the list shows */
  subtitle = g_strdup_printf (ngettext ("%'u activity", "%'u activities", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");
  else if (kontor_store_count (get_store (self), KONTOR_TYPE_ACTIVITY, NULL) == 0)
    kontor_ui_show_status_page (self->content_stack, "empty", "x-office-calendar-symbolic");
  else
    kontor_ui_show_status_page (self->content_stack, "no-results", "edit-find-symbolic");
}

static void
on_search_changed_cb (KontorActivitiesView *self,
                      GtkSearchEntry       *entry)
{
  kontor_ui_search_takes_typing (entry, GTK_WIDGET (self->list_view));
  kontor_filter_set_search_text (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_stop_search_cb (KontorActivitiesView *self,
                   GtkSearchEntry       *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_kind_changed_cb (KontorActivitiesView *self)
{
  kontor_filter_set_activity_kinds (self->filter,
                                    kontor_activity_kinds_from_drop_down (self->kind_drop_down));
}

static void
on_colleague_changed_cb (KontorActivitiesView *self)
{
  kontor_filter_set_activity_participant_id (
    self->filter, kontor_colleague_drop_down_get_id (self->colleague_drop_down));
}

/* a colleague who joined or left meanwhile (a sync, the team page); a
 * contact chosen stays */
static void
on_users_changed_cb (KontorActivitiesView *self)
{
  g_signal_handlers_block_by_func (self->colleague_drop_down, on_colleague_changed_cb, self);
  kontor_colleague_drop_down_fill (self->colleague_drop_down, get_store (self));
  kontor_colleague_drop_down_set_id (self->colleague_drop_down,
                                     kontor_filter_get_activity_participant_id (self->filter));
  g_signal_handlers_unblock_by_func (self->colleague_drop_down, on_colleague_changed_cb, self);
  /* the colleague chosen left: all again */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->contact_chip)))
    on_colleague_changed_cb (self);
}

/* the one participant (a colleague or a contact, the filter's rule):
 * the drop-down shows a colleague, the chip a contact */
static void
on_participant_changed_cb (KontorActivitiesView *self)
{
  const char *id = kontor_filter_get_activity_participant_id (self->filter);
  g_autoptr(KontorRecord) contact = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_signal_handlers_block_by_func (self->colleague_drop_down, on_colleague_changed_cb, self);
  kontor_colleague_drop_down_set_id (self->colleague_drop_down, id);
  g_signal_handlers_unblock_by_func (self->colleague_drop_down, on_colleague_changed_cb, self);

  if (id != NULL)
    contact = kontor_store_load (get_store (self), KONTOR_TYPE_CONTACT, id, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_chip), contact != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_entry), contact == NULL);
  if (contact == NULL)
    return;

  name = kontor_record_dup_display_name (contact);
  gtk_label_set_label (self->contact_chip_label, name);
  /* Translators: the button of a contact filtering the activities; %s is the name */
  label = g_strdup_printf (_("Remove filter: %s"), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->contact_chip), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->contact_chip),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_contact_picked_cb (KontorActivitiesView *self,
                      KontorContact        *contact)
{
  kontor_filter_set_activity_participant_id (self->filter,
                                             kontor_record_get_id (KONTOR_RECORD (contact)));
  gtk_widget_grab_focus (GTK_WIDGET (self->contact_chip));
}

/* the chip clicked, or Enter, Space, Escape on it: the contact's filter
 * goes, the keyboard back to the search of one */
static void
on_contact_chip_clicked_cb (KontorActivitiesView *self)
{
  kontor_filter_set_activity_participant_id (self->filter, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->contact_entry));
}

static gboolean
on_chip_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        gpointer               user_data)
{
  if (keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;

  on_contact_chip_clicked_cb (user_data);

  return GDK_EVENT_STOP;
}

static void
on_open_tasks_toggled_cb (KontorActivitiesView *self,
                          GtkToggleButton      *button)
{
  kontor_filter_set_open_tasks_only (self->filter, gtk_toggle_button_get_active (button));
}

/* ------------------------------------------------------------------------ */

static void
kontor_activities_view_constructed (GObject *object)
{
  KontorActivitiesView *self = KONTOR_ACTIVITIES_VIEW (object);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GListModel) kinds = kontor_activity_kinds_model_new ();

  G_OBJECT_CLASS (kontor_activities_view_parent_class)->constructed (object);

  gtk_drop_down_set_model (self->kind_drop_down, kinds);
  kontor_accessible_label_drop_down (self->kind_drop_down);
  g_signal_connect_object (self->kind_drop_down, "notify::selected",
                           G_CALLBACK (on_kind_changed_cb), self, G_CONNECT_SWAPPED);

  /* the colleague who took part (feature A4, A6), before the open tasks */
  self->colleague_drop_down = kontor_colleague_drop_down_new ();
  kontor_colleague_drop_down_fill (self->colleague_drop_down, get_store (self));
  gtk_widget_insert_before (GTK_WIDGET (self->colleague_drop_down), self->toolbar,
                            GTK_WIDGET (self->contact_entry));
  g_signal_connect_object (self->colleague_drop_down, "notify::selected",
                           G_CALLBACK (on_colleague_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_store (self), "changed::app_user", G_CALLBACK (on_users_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->filter = kontor_filter_new ();
  self->list = kontor_record_list_new (get_store (self), KONTOR_TYPE_ACTIVITY, self->filter);

  /* the contact who took part: typed, Down, Enter; the matches under
   * the toolbar; a chip once chosen */
  self->contact_search = kontor_contact_search_new (GTK_WIDGET (self->contact_entry),
                                                    "avatar-default-symbolic", NULL);
  kontor_contact_search_set_store (self->contact_search, get_store (self));
  {
    GtkWidget *matches = GTK_WIDGET (kontor_contact_search_get_list (self->contact_search));
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_widget_set_margin_start (matches, 12);
    gtk_widget_set_margin_end (matches, 12);
    gtk_widget_set_margin_bottom (matches, 6);
    gtk_widget_insert_after (matches, gtk_widget_get_parent (self->toolbar), self->toolbar);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_chip_key_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->contact_chip), keys);
  }
  g_signal_connect_object (self->contact_search, "picked", G_CALLBACK (on_contact_picked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::activity-participant-id",
                           G_CALLBACK (on_participant_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_content), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                  G_LIST_MODEL (g_object_ref (self->list)))));
  gtk_menu_button_set_menu_model (self->menu_button, kontor_ui_get_primary_menu ());
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  update_content (self);
}

static void
kontor_activities_view_dispose (GObject *object)
{
  KontorActivitiesView *self = KONTOR_ACTIVITIES_VIEW (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->list);
  g_clear_object (&self->contact_search);
  g_clear_object (&self->filter);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_ACTIVITIES_VIEW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_activities_view_parent_class)->dispose (object);
}

static void
kontor_activities_view_class_init (KontorActivitiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_activities_view_constructed;
  object_class->dispose = kontor_activities_view_dispose;
  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorActivitiesView, context));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kontor/Kontor/ui/kontor-activities-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, window_title);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, back_button);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, kind_drop_down);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, open_tasks_button);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, contact_entry);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, contact_chip);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, contact_chip_label);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, KontorActivitiesView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_tasks_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_chip_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
}

static void
kontor_activities_view_init (KontorActivitiesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kontor_activities_view_new:
 * @context: the context
 *
 * Returns: (transfer floating): the list of all activities
 */
GtkWidget *
kontor_activities_view_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_ACTIVITIES_VIEW, "context", context, NULL);
}

/**
 * kontor_activities_view_get_back_button:
 * @self: a view
 *
 * Returns: (transfer none): the button back to the sidebar, shown while
 *   the sidebar is folded away
 */
GtkWidget *
kontor_activities_view_get_back_button (KontorActivitiesView *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITIES_VIEW (self), NULL);

  return GTK_WIDGET (self->back_button);
}

/**
 * kontor_activities_view_get_list:
 * @self: a view
 *
 * Returns: (transfer none): the activities shown
 */
GListModel *
kontor_activities_view_get_list (KontorActivitiesView *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITIES_VIEW (self), NULL);

  return G_LIST_MODEL (self->list);
}

/**
 * kontor_activities_view_get_filter:
 * @self: a view
 *
 * Returns: (transfer none): the filter of the list
 */
KontorFilter *
kontor_activities_view_get_filter (KontorActivitiesView *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITIES_VIEW (self), NULL);

  return self->filter;
}

/**
 * kontor_activities_view_focus_list:
 * @self: a view
 *
 * Gives the keyboard focus to the list, on its first row.
 */
void
kontor_activities_view_focus_list (KontorActivitiesView *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (KONTOR_IS_ACTIVITIES_VIEW (self));

  /* onto its first row, where Enter opens it (the list itself takes no
   * Enter); an empty list takes the focus itself */
  root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD) ||
      root == NULL || (focus = gtk_root_get_focus (root)) == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
      return;
    }

  /* the row, not its button to the contact (Tab goes on to that) */
  for (GtkWidget *widget = focus;
       widget != NULL && widget != GTK_WIDGET (self->list_view);
       widget = gtk_widget_get_parent (widget))
    {
      if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) ==
          GTK_ACCESSIBLE_ROLE_LIST_ITEM)
        {
          gtk_widget_grab_focus (widget);
          return;
        }
    }
}
