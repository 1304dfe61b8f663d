/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-duplicates-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-contact-merge.h"
#include "kontor-duplicates-window.h"
#include "kontor-duplicates.h"
#include "kontor-record-json.h"
#include "kontor-ui-utils.h"
#include "kontor-value-text.h"

/**
 * KontorDuplicatesWindow:
 *
 * "Find Duplicates…" (feature X1, src/README.md "Duplicates"): the
 * contacts that may be one person twice, or the companies that may be one
 * company twice (a switch above the list, Alt+C and Alt+O), the most
 * certain first, found on a worker (kontor_store_find_duplicates_async())
 * while the window stays responsive; activating a pair shows the two side
 * by side, each field whose values differ with a choice of which to keep,
 * and which record stays (the older by default). "Merge" runs a
 * #KontorContactMerge (of contacts or of companies) on the context's
 * operation stack, so the main window offers its undo; the pairs of the
 * merged record leave the list. The window's own toast offers the undo
 * too, and Ctrl+Z and Shift+Ctrl+Z undo and redo the stack's newest change
 * as in the main window; a merge undone or redone (here or there) makes
 * the window search again, so the pair parted again is listed.
 */
struct _KontorDuplicatesWindow
{
  AdwWindow            parent_instance;

  KontorContext       *context;
  GCancellable        *cancellable;

  AdwWindowTitle      *title;
  GtkWidget           *back_button;
  GtkWidget           *refresh_button;
  AdwToastOverlay     *toast_overlay;
  AdwToast            *undo_toast;   /* weak */
  gboolean             merging;      /* our own merge is being applied */
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkWidget           *kind_bar;
  GtkToggleButton     *kind_buttons[2];
  GListStore          *found[2];     /* the contacts' pairs, the companies' */
  guint                kind;         /* which of them is shown */
  GListStore          *pairs;        /* found[kind] */
  GtkSingleSelection  *selection;
  GtkListView         *list_view;

  /* the merge view */
  GtkWidget           *merge_view;
  KontorDuplicatePair *pair;
  GType                type;         /* of the pair merged */
  KontorRecord        *records[2];
  GtkCheckButton      *keep[2];
  GArray              *choices;      /* FieldChoice */
  GtkWidget           *merge_button;
  GtkWidget           *channel_rows[2];
};

typedef struct
{
  guint           field;
  GtkCheckButton *buttons[2];
} FieldChoice;

G_DEFINE_FINAL_TYPE (KontorDuplicatesWindow, kontor_duplicates_window, ADW_TYPE_WINDOW)

static void show_list (KontorDuplicatesWindow *self);

static const char *
shown_name (const char *name)
{
  /* Translators: a contact without a first or last name */
  return name != NULL && *name != '\0' ? name : _("Without name");
}

/* "same e-mail address, same phone number" */
static char *
dup_reasons_text (KontorDuplicateReason reasons)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (reasons & KONTOR_DUPLICATE_REASON_EMAIL)
    g_ptr_array_add (parts, _("same e-mail address"));
  if (reasons & KONTOR_DUPLICATE_REASON_PHONE)
    g_ptr_array_add (parts, _("same phone number"));
  if (reasons & KONTOR_DUPLICATE_REASON_NAME_COMPANY)
    g_ptr_array_add (parts, _("same name and company"));
  if (reasons & KONTOR_DUPLICATE_REASON_NAME)
    g_ptr_array_add (parts, _("same name"));
  if (reasons & KONTOR_DUPLICATE_REASON_CUSTOMER_NUMBER)
    g_ptr_array_add (parts, _("same customer number"));
  if (reasons & KONTOR_DUPLICATE_REASON_COMPANY_NAME)
    g_ptr_array_add (parts, _("same company name"));
  if (reasons & KONTOR_DUPLICATE_REASON_DOMAIN)
    g_ptr_array_add (parts, _("same website or e-mail domain"));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between reasons, "same name, same phone number" */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static char *
dup_confidence_text (guint score)
{
  /* Translators: how certain it is that two contacts are one person, in percent */
  return g_strdup_printf (_("%u %%"), score);
}

/* ------------------------------------------------------------------------ */
/* The list */

static void
on_item_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *confidence = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_add_css_class (confidence, "numeric");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), confidence);
  gtk_list_item_set_child (item, box);
}

static void
on_item_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  KontorDuplicatePair *pair = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *texts = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *confidence = gtk_widget_get_next_sibling (texts);
  const char *companies[2] = { kontor_duplicate_pair_get_company (pair, 0),
                               kontor_duplicate_pair_get_company (pair, 1) };
  g_autofree char *reasons = dup_reasons_text (kontor_duplicate_pair_get_reasons (pair));
  g_autofree char *score = dup_confidence_text (kontor_duplicate_pair_get_score (pair));
  g_autofree char *names = NULL;
  g_autofree char *details = NULL;
  g_autofree char *spoken = NULL;

  /* Translators: two contacts that may be one person, "Anna Schmidt and A. Schmidt" */
  names = g_strdup_printf (_("%s and %s"), shown_name (kontor_duplicate_pair_get_name (pair, 0)),
                           shown_name (kontor_duplicate_pair_get_name (pair, 1)));
  if (companies[0] != NULL && companies[1] != NULL && !g_str_equal (companies[0], companies[1]))
    details = g_strdup_printf ("%s / %s · %s", companies[0], companies[1], reasons);
  else if (companies[0] != NULL || companies[1] != NULL)
    details = g_strdup_printf ("%s · %s", companies[0] != NULL ? companies[0] : companies[1],
                               reasons);
  else
    details = g_strdup (reasons);
  gtk_label_set_text (GTK_LABEL (title), names);
  gtk_label_set_text (GTK_LABEL (subtitle), details);
  gtk_label_set_text (GTK_LABEL (confidence), score);

  /* Translators: a pair in the list of duplicates, read by a screen
   * reader: the names, the companies and reasons, the confidence */
  spoken = g_strdup_printf (_("%s, %s, confidence %s"), names, details, score);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
show_status (KontorDuplicatesWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pairs));

  if (n == 0)
    {
      adw_window_title_set_subtitle (self->title, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      g_autofree char *subtitle = NULL;

      gtk_stack_set_visible_child_name (self->stack, "list");
      if (self->kind == 0)
        subtitle = g_strdup_printf (ngettext ("%u possible duplicate contact",
                                              "%u possible duplicate contacts", n), n);
      else
        subtitle = g_strdup_printf (ngettext ("%u possible duplicate company",
                                              "%u possible duplicate companies", n), n);
      adw_window_title_set_subtitle (self->title, subtitle);
    }
}

static void
show_empty_text (KontorDuplicatesWindow *self)
{
  adw_status_page_set_title (self->empty_page, _("No Duplicates Found"));
  if (self->kind == 0)
    adw_status_page_set_description (self->empty_page,
                                     _("No two contacts share an e-mail address, a phone "
                                       "number or a name."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("No two companies share a name, a customer number, a "
                                       "website or a phone number."));
}

/* The contacts' pairs (0) or the companies' (1) in the list */
static void
show_kind (KontorDuplicatesWindow *self,
           guint                   kind)
{
  if (self->kind == kind)
    return;

  self->kind = kind;
  self->pairs = self->found[kind];
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->pairs));
  if (!gtk_toggle_button_get_active (self->kind_buttons[kind]))
    gtk_toggle_button_set_active (self->kind_buttons[kind], TRUE);
  /* still searching: the spinner stays */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "scanning") == 0)
    return;
  if (g_strcmp0 (adw_status_page_get_title (self->empty_page), _("No Duplicates Found")) == 0)
    show_empty_text (self);
  show_status (self);
  /* Return opens the first pair, as after the search */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->pairs)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_kind_toggled_cb (GtkToggleButton        *button,
                    KontorDuplicatesWindow *self)
{
  if (gtk_toggle_button_get_active (button))
    show_kind (self, button == self->kind_buttons[1] ? 1 : 0);
}

static void
on_scanned_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KontorDuplicatesWindow) self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  found = kontor_store_find_duplicates_finish (KONTOR_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->refresh_button, TRUE);
  g_list_store_remove_all (self->found[0]);
  g_list_store_remove_all (self->found[1]);
  if (found == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Duplicates Could Not Be Searched"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(KontorDuplicatePair) pair = g_list_model_get_item (found, i);
      gboolean company = kontor_duplicate_pair_get_record_type (pair) == KONTOR_TYPE_COMPANY;

      g_list_store_append (self->found[company ? 1 : 0], pair);
    }
  show_empty_text (self);
  show_status (self);
  /* only companies alike: those, rather than "No Duplicates Found" */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->pairs)) == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->found[1 - self->kind])) > 0)
    show_kind (self, 1 - self->kind);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->pairs)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
scan (KontorDuplicatesWindow *self)
{
  /* a search shows the list it finds: the merge view shown goes first */
  if (self->merge_view != NULL)
    show_list (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_widget_set_sensitive (self->refresh_button, FALSE);
  adw_window_title_set_subtitle (self->title, NULL);
  gtk_stack_set_visible_child_name (self->stack, "scanning");
  kontor_store_find_duplicates_async (kontor_context_get_store (self->context), self->cancellable,
                                      on_scanned_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* The merge view */

static const KontorField *
record_fields (GType  type,
               guint *n_fields)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  *n_fields = KONTOR_RECORD_CLASS (klass)->n_fields;

  return KONTOR_RECORD_CLASS (klass)->fields;
}

/* The value as a person reads it; %NULL when empty */
static char *
dup_value_text (KontorDuplicatesWindow *self,
                KontorRecord           *record,
                guint                   index)
{
  guint n_fields;
  const KontorField *field = &record_fields (self->type, &n_fields)[index];
  g_autofree char *json = kontor_field_value_to_json_string (field,
                                                             kontor_record_get_value (record,
                                                                                      index));
  g_autofree char *text = NULL;

  if (json == NULL || g_str_equal (json, "null") || g_str_equal (json, "\"\""))
    return NULL;
  text = kontor_value_text_dup (kontor_context_get_store (self->context), self->type, field,
                                json);

  return text != NULL && *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static GtkWidget *
new_value_check (const char     *field_label,
                 const char     *value,
                 GtkCheckButton *group)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (value != NULL ? value : _("Empty"));
  g_autofree char *spoken = NULL;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_label_set_width_chars (GTK_LABEL (label), 22);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (value == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  /* Translators: a choice in the merge view: a field's name and a value, "City: Köln" */
  spoken = g_strdup_printf (_("%s: %s"), field_label, value != NULL ? value : _("Empty"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  gtk_widget_set_tooltip_text (check, value);

  return check;
}

/* The addresses and numbers the kept record will have, as the merge
 * unites them (kontor_merge_unite_channels()) */
static void
update_channels (KontorDuplicatesWindow *self)
{
  guint kept = gtk_check_button_get_active (self->keep[0]) ? 0 : 1;
  const guint contact_fields[] = { KONTOR_CONTACT_FIELD_EMAILS, KONTOR_CONTACT_FIELD_PHONES };
  const guint company_fields[] = { KONTOR_COMPANY_FIELD_EMAILS, KONTOR_COMPANY_FIELD_PHONES };
  const guint *fields = self->type == KONTOR_TYPE_COMPANY ? company_fields : contact_fields;

  for (guint f = 0; f < 2; f++)
    {
      g_autoptr(GPtrArray) channels = kontor_merge_unite_channels (self->records[kept],
                                                                   self->records[1 - kept],
                                                                   fields[f]);
      g_autoptr(GPtrArray) values = g_ptr_array_new ();
      g_autofree char *text = NULL;

      for (guint i = 0; i < channels->len; i++)
        g_ptr_array_add (values, ((KontorChannel *) g_ptr_array_index (channels, i))->value);
      g_ptr_array_add (values, NULL);
      text = g_strjoinv (", ", (char **) values->pdata);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->channel_rows[f]),
                                   channels->len > 0 ? text : _("None"));
    }
}

static void
clear_merge (KontorDuplicatesWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* the window keeps a focus removed with the view, and the keys (F5,
   * Ctrl+Z, Escape) would reach nothing */
  if (self->merge_view != NULL && focus != NULL && gtk_widget_is_ancestor (focus, self->merge_view))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
  if (self->merge_view != NULL)
    gtk_stack_remove (self->stack, self->merge_view);
  self->merge_view = NULL;
  self->merge_button = NULL;
  g_array_set_size (self->choices, 0);
  g_clear_object (&self->pair);
  g_clear_object (&self->records[0]);
  g_clear_object (&self->records[1]);
}

static void
remove_pairs_of (KontorDuplicatesWindow *self,
                 const char             *id)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->pairs)); i > 0; i--)
    {
      g_autoptr(KontorDuplicatePair) pair = g_list_model_get_item (G_LIST_MODEL (self->pairs),
                                                                   i - 1);

      if (kontor_duplicate_pair_involves (pair, id))
        g_list_store_remove (self->pairs, i - 1);
    }
}

/* ------------------------------------------------------------------------ */
/* Undo and redo */

static KontorOperationStack *
get_operations (KontorDuplicatesWindow *self)
{
  return kontor_context_get_operations (self->context);
}

static void
update_undo_actions (KontorDuplicatesWindow *self)
{
  gboolean can_edit = kontor_context_can_edit (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.undo",
                                 can_edit &&
                                 kontor_operation_stack_get_can_undo (get_operations (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.redo",
                                 can_edit &&
                                 kontor_operation_stack_get_can_redo (get_operations (self)));
}

/* A merge undone brings its pair back, one redone takes it away: the
 * list is searched again (the other pairs of the parted records with it) */
static void
on_operations_undone_cb (KontorDuplicatesWindow *self,
                         KontorOperation        *operation,
                         KontorOperationStack   *operations)
{
  kontor_ui_dismiss_undo_toast (&self->undo_toast);
  if (KONTOR_IS_CONTACT_MERGE (operation))
    scan (self);
}

static void
on_operations_applied_cb (KontorDuplicatesWindow *self,
                          KontorOperation        *operation,
                          KontorOperationStack   *operations)
{
  if (!self->merging && KONTOR_IS_CONTACT_MERGE (operation))
    scan (self);
}

/* duplicates.undo and duplicates.redo, as the main window's win.undo */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorDuplicatesWindow *self = KONTOR_DUPLICATES_WINDOW (widget);

  kontor_ui_undo (widget, self->context, !g_str_equal (action_name, "duplicates.undo"));
}

static void
on_merge_clicked_cb (KontorDuplicatesWindow *self)
{
  guint kept = gtk_check_button_get_active (self->keep[0]) ? 0 : 1;
  guint removed = 1 - kept;
  KontorRecord *kept_record = self->records[kept];
  KontorRecord *removed_record = self->records[removed];
  g_autofree char *removed_id = g_strdup (kontor_record_get_id (removed_record));
  g_autofree char *kept_name = kontor_record_dup_display_name (kept_record);
  g_autofree char *removed_name = kontor_record_dup_display_name (removed_record);
  g_autofree char *title = NULL;
  g_autoptr(KontorContactMerge) merge = NULL;

  /* Translators: the toast after a merge: the removed contact's (or
   * company's) name, the kept one's */
  title = g_strdup_printf (_("“%s” merged into “%s”"), shown_name (removed_name),
                           shown_name (kept_name));
  if (self->type == KONTOR_TYPE_COMPANY)
    merge = kontor_company_merge_new (kontor_context_get_store (self->context),
                                      kontor_record_get_id (kept_record), removed_id, title);
  else
    merge = kontor_contact_merge_new (kontor_context_get_store (self->context),
                                      kontor_record_get_id (kept_record), removed_id, title);
  for (guint i = 0; i < self->choices->len; i++)
    {
      FieldChoice *choice = &g_array_index (self->choices, FieldChoice, i);

      kontor_contact_merge_take_from_removed (merge, choice->field,
                                              gtk_check_button_get_active (choice->buttons[removed]));
    }

  self->merging = TRUE;
  if (!kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (merge)))
    {
      self->merging = FALSE;
      return;
    }
  self->merging = FALSE;

  remove_pairs_of (self, removed_id);
  show_list (self);
  /* one toast at a time, retitled while shown, as the main window's */
  kontor_ui_show_undo_toast (self->toast_overlay, &self->undo_toast, "duplicates.undo", title);
}

static GtkWidget *
new_merge_view (KontorDuplicatesWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  AdwPreferencesGroup *keep = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *values = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *channels = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *button;
  g_autofree char *names[2] = { NULL, NULL };
  const KontorField *fields;
  guint n_fields, n_shown = 0;
  gboolean companies = self->type == KONTOR_TYPE_COMPANY;

  fields = record_fields (self->type, &n_fields);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (companies)
    {
      adw_preferences_group_set_title (keep, _("Company to Keep"));
      adw_preferences_group_set_description (keep, _("The other one is merged into it and "
                                                     "deleted: its contacts, activities, former "
                                                     "employees and history move to the company "
                                                     "kept."));
    }
  else
    {
      adw_preferences_group_set_title (keep, _("Contact to Keep"));
      adw_preferences_group_set_description (keep, _("The other one is merged into it and "
                                                     "deleted: its activities, groups, former "
                                                     "employers and history move to the contact "
                                                     "kept."));
    }
  for (guint c = 0; c < 2; c++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *spoken = NULL;
      const char *company = companies ? kontor_company_get_city (KONTOR_COMPANY (self->records[c]))
                                      : kontor_contact_get_company_name (KONTOR_CONTACT (self->records[c]));

      names[c] = kontor_record_dup_display_name (self->records[c]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_name (names[c]));
      if (company != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), company);
      if (c == 1)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->keep[0]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), c == 0);
      /* Translators: the choice of the contact (or company) that stays,
       * "Keep Anna Schmidt" */
      spoken = g_strdup_printf (_("Keep %s"), shown_name (names[c]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spoken, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (keep, row);
      self->keep[c] = GTK_CHECK_BUTTON (check);
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (keep));

  adw_preferences_group_set_title (values, _("Values"));
  {
    /* whose value is in which column */
    GtkWidget *row = adw_action_row_new ();
    GtkWidget *heads = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                   companies ? _("Company") : _("Contact"));
    for (guint c = 0; c < 2; c++)
      {
        g_autofree char *name = kontor_record_dup_display_name (self->records[c]);
        GtkWidget *head = gtk_label_new (shown_name (name));

        gtk_label_set_ellipsize (GTK_LABEL (head), PANGO_ELLIPSIZE_END);
        gtk_label_set_width_chars (GTK_LABEL (head), 22);
        gtk_label_set_max_width_chars (GTK_LABEL (head), 22);
        gtk_label_set_xalign (GTK_LABEL (head), 0);
        /* beside the check buttons' labels */
        gtk_widget_set_margin_start (head, 20);
        gtk_widget_add_css_class (head, "dim-label");
        gtk_box_append (GTK_BOX (heads), head);
      }
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), heads);
    adw_preferences_group_add (values, row);
  }
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *texts[2] = { NULL, NULL };
      FieldChoice choice = { i, { NULL, NULL } };
      GtkWidget *row, *pair;

      if (!kontor_merge_field_is_choice (self->type, i))
        continue;
      texts[0] = dup_value_text (self, self->records[0], i);
      texts[1] = dup_value_text (self, self->records[1], i);
      if (g_strcmp0 (texts[0], texts[1]) == 0)
        continue;

      row = adw_action_row_new ();
      pair = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].label));
      for (guint c = 0; c < 2; c++)
        {
          GtkWidget *check = new_value_check (_(fields[i].label), texts[c],
                                              c == 1 ? choice.buttons[0] : NULL);

          choice.buttons[c] = GTK_CHECK_BUTTON (check);
          gtk_box_append (GTK_BOX (pair), check);
        }
      /* the kept contact's value, unless it has none */
      gtk_check_button_set_active (choice.buttons[texts[0] == NULL ? 1 : 0], TRUE);
      gtk_widget_set_valign (pair, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), pair);
      adw_preferences_group_add (values, row);
      g_array_append_val (self->choices, choice);
      n_shown++;
    }
  if (n_shown == 0)
    adw_preferences_group_set_description (values, companies
                                                   ? _("Both companies have the same values.")
                                                   : _("Both contacts have the same values."));
  else
    adw_preferences_group_set_description (values, companies
                                                   ? _("Choose the value the company kept will "
                                                       "have. The others are the same.")
                                                   : _("Choose the value the contact kept will "
                                                       "have. The others are the same."));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (values));

  adw_preferences_group_set_title (channels, _("E-mail Addresses and Phone Numbers"));
  adw_preferences_group_set_description (channels, companies
                                                     ? _("The company kept has all of them, and "
                                                         "the sales reps of both.")
                                                     : _("The contact kept has all of them, and "
                                                         "the sales reps and assignees of both."));
  self->channel_rows[0] = kontor_ui_new_text_row (_("E-mail"), NULL);
  self->channel_rows[1] = kontor_ui_new_text_row (_("Phone"), NULL);
  adw_preferences_group_add (channels, self->channel_rows[0]);
  adw_preferences_group_add (channels, self->channel_rows[1]);
  update_channels (self);
  g_signal_connect_object (self->keep[0], "notify::active", G_CALLBACK (update_channels), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (channels));

  button = gtk_button_new_with_mnemonic (_("_Merge"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_merge_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);
  self->merge_button = button;

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  return scrolled;
}

static void
open_pair (KontorDuplicatesWindow *self,
           KontorDuplicatePair    *pair)
{
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  clear_merge (self);
  self->type = kontor_duplicate_pair_get_record_type (pair);
  for (guint c = 0; c < 2; c++)
    {
      self->records[c] = kontor_store_load (store, self->type,
                                            kontor_duplicate_pair_get_id (pair, c), &error);
      if (self->records[c] == NULL)
        {
          /* merged or deleted since the search */
          kontor_ui_show_error (GTK_WIDGET (self),
                                self->type == KONTOR_TYPE_COMPANY
                                ? _("The Companies Could Not Be Shown")
                                : _("The Contacts Could Not Be Shown"), error);
          remove_pairs_of (self, kontor_duplicate_pair_get_id (pair, c));
          clear_merge (self);
          show_status (self);
          return;
        }
    }
  self->pair = g_object_ref (pair);

  view = new_merge_view (self);
  self->merge_view = view;
  gtk_stack_add_named (self->stack, view, "merge");
  gtk_stack_set_visible_child (self->stack, view);
  gtk_widget_set_visible (self->back_button, TRUE);
  gtk_widget_set_visible (self->refresh_button, FALSE);
  gtk_widget_set_visible (self->kind_bar, FALSE);
  adw_window_title_set_title (self->title, self->type == KONTOR_TYPE_COMPANY
                                           ? _("Merge Companies") : _("Merge Contacts"));
  adw_window_title_set_subtitle (self->title, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->keep[0]));
}

static void
show_list (KontorDuplicatesWindow *self)
{
  clear_merge (self);
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_widget_set_visible (self->refresh_button, TRUE);
  gtk_widget_set_visible (self->kind_bar, TRUE);
  adw_window_title_set_title (self->title, _("Duplicates"));
  show_status (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->pairs)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_activate_cb (GtkListView            *view,
                guint                   position,
                KontorDuplicatesWindow *self)
{
  g_autoptr(KontorDuplicatePair) pair = g_list_model_get_item (G_LIST_MODEL (self->pairs),
                                                               position);

  if (pair != NULL)
    open_pair (self, pair);
}

/* duplicates.back: Escape and the back button; Escape on the list closes */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KontorDuplicatesWindow *self = KONTOR_DUPLICATES_WINDOW (widget);

  if (self->merge_view != NULL)
    show_list (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  scan (KONTOR_DUPLICATES_WINDOW (widget));
}

static void
kontor_duplicates_window_constructed (GObject *object)
{
  KontorDuplicatesWindow *self = KONTOR_DUPLICATES_WINDOW (object);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scanning = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (kontor_duplicates_window_parent_class)->constructed (object);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Duplicates"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));

  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->back_button), "duplicates.back");
  gtk_widget_set_tooltip_text (self->back_button, _("Back to the List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the List"), -1);
  gtk_widget_set_visible (self->back_button, FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);

  self->refresh_button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->refresh_button), "duplicates.refresh");
  gtk_widget_set_tooltip_text (self->refresh_button, _("Search Again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->refresh_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Again"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->refresh_button);
  gtk_box_append (GTK_BOX (content), header);

  /* Contacts | Companies */
  self->kind_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->kind_bar, "linked");
  gtk_widget_set_halign (self->kind_bar, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->kind_bar, 6);
  gtk_widget_set_margin_bottom (self->kind_bar, 6);
  self->kind_buttons[0] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Contacts")));
  self->kind_buttons[1] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("C_ompanies")));
  gtk_toggle_button_set_group (self->kind_buttons[1], self->kind_buttons[0]);
  gtk_toggle_button_set_active (self->kind_buttons[0], TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_buttons[0]), _("Duplicate contacts"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_buttons[1]), _("Duplicate companies"));
  for (guint k = 0; k < 2; k++)
    {
      g_signal_connect_object (self->kind_buttons[k], "toggled", G_CALLBACK (on_kind_toggled_cb),
                               self, 0);
      gtk_box_append (GTK_BOX (self->kind_bar), GTK_WIDGET (self->kind_buttons[k]));
    }
  gtk_box_append (GTK_BOX (content), self->kind_bar);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);

  adw_status_page_set_title (ADW_STATUS_PAGE (scanning), _("Looking for Duplicates…"));
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Looking for Duplicates…"), -1);
  adw_status_page_set_child (ADW_STATUS_PAGE (scanning), spinner);
  gtk_stack_add_named (self->stack, scanning, "scanning");

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Duplicates Found"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");

  g_signal_connect (factory, "setup", G_CALLBACK (on_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_item_bind_cb), NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->pairs)));
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Possible duplicates"), -1);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_activate_cb), self, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_stack_add_named (self->stack, scrolled, "list");

  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, content);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));

  g_signal_connect_object (get_operations (self), "applied",
                           G_CALLBACK (on_operations_applied_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_operations (self), "undone",
                           G_CALLBACK (on_operations_undone_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_operations (self), "notify::can-undo",
                           G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_operations (self), "notify::can-redo",
                           G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  update_undo_actions (self);

  scan (self);
}

static void
kontor_duplicates_window_dispose (GObject *object)
{
  KontorDuplicatesWindow *self = KONTOR_DUPLICATES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->pair);
  g_clear_object (&self->records[0]);
  g_clear_object (&self->records[1]);
  g_clear_object (&self->selection);
  self->pairs = NULL;
  g_clear_object (&self->found[0]);
  g_clear_object (&self->found[1]);
  g_clear_pointer (&self->choices, g_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_duplicates_window_parent_class)->dispose (object);
}

static void
kontor_duplicates_window_class_init (KontorDuplicatesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_duplicates_window_constructed;
  object_class->dispose = kontor_duplicates_window_dispose;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorDuplicatesWindow, context));

  gtk_widget_class_install_action (widget_class, "duplicates.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "duplicates.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "duplicates.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "duplicates.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "duplicates.refresh", NULL);
  gtk_widget_class_install_action (widget_class, "duplicates.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "duplicates.redo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "duplicates.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_SHIFT_MASK | GDK_CONTROL_MASK, "duplicates.redo", NULL);
}

static void
kontor_duplicates_window_init (KontorDuplicatesWindow *self)
{
  self->found[0] = g_list_store_new (KONTOR_TYPE_DUPLICATE_PAIR);
  self->found[1] = g_list_store_new (KONTOR_TYPE_DUPLICATE_PAIR);
  self->pairs = self->found[0];
  self->choices = g_array_new (FALSE, FALSE, sizeof (FieldChoice));
  gtk_window_set_title (GTK_WINDOW (self), _("Duplicates"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 620);
}

/**
 * kontor_duplicates_window_new:
 * @parent: (nullable): the window it belongs to
 * @context: the context
 *
 * A window that starts searching at once.
 *
 * Returns: (transfer none): the window, owned by GTK; present it
 */
GtkWindow *
kontor_duplicates_window_new (GtkWindow     *parent,
                              KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_DUPLICATES_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "context", context,
                       NULL);
}

/**
 * kontor_duplicates_window_get_pairs:
 * @self: the window
 *
 * Returns: (transfer none): the pairs listed (of contacts or of companies,
 *   as the switch above the list says), a list of #KontorDuplicatePair
 */
GListModel *
kontor_duplicates_window_get_pairs (KontorDuplicatesWindow *self)
{
  g_return_val_if_fail (KONTOR_IS_DUPLICATES_WINDOW (self), NULL);

  return G_LIST_MODEL (self->pairs);
}

/**
 * kontor_duplicates_window_is_merging:
 * @self: the window
 *
 * Returns: whether the merge view of a pair is shown
 */
gboolean
kontor_duplicates_window_is_merging (KontorDuplicatesWindow *self)
{
  g_return_val_if_fail (KONTOR_IS_DUPLICATES_WINDOW (self), FALSE);

  return self->merge_view != NULL;
}
