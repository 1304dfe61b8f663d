/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-history-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-format.h"
#include "kontor-history-section.h"
#include "kontor-record-json.h"
#include "kontor-value-text.h"

/* How many changes a page shows, the newest */
#define MAX_CHANGES 50

/**
 * KontorHistorySection:
 *
 * A record's change history on its page (feature X8, src/README.md "The outbox as
 * history"), read only and newest first: which field, old → new, who and
 * when; board moves and company changes are changes of their fields. It
 * comes from the store's journal and follows the store.
 */
struct _KontorHistorySection
{
  AdwPreferencesGroup  parent_instance;

  KontorContext       *context;
  KontorRecord        *record;
  GtkListBox          *list;
  guint                n_rows;
};

G_DEFINE_FINAL_TYPE (KontorHistorySection, kontor_history_section, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
new_row (KontorHistorySection *self,
         KontorChange         *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *who = NULL;
  g_autofree char *when = kontor_format_date (change->at);
  g_autofree char *subtitle = NULL;
  const KontorField *field = NULL;
  guint index;

  if (change->field != NULL)
    field = kontor_record_class_find_field (KONTOR_RECORD_GET_CLASS (self->record), change->field,
                                            &index);

  if (field != NULL)
    {
      KontorStore *store = kontor_context_get_store (self->context);
      GType type = G_OBJECT_TYPE (self->record);
      g_autofree char *old_text = kontor_value_text_dup (store, type, field, change->old_json);
      g_autofree char *new_text = kontor_value_text_dup (store, type, field, change->new_json);

      /* Translators: a change in a history: the field, the old value, the new one */
      title = g_strdup_printf (_("%s: %s → %s"), _(field->label), old_text ? old_text : "",
                               new_text ? new_text : "");
    }
  else if (g_strcmp0 (change->op, "delete") == 0)
    title = g_strdup (_("Deleted"));
  else
    /* Translators: a change of a detail the history cannot name */
    title = g_strdup_printf (_("Changed: %s"), change->field != NULL ? change->field : "");

  who = kontor_value_text_dup_name (kontor_context_get_store (self->context),
                                    change->user_id != NULL ? KONTOR_TYPE_USER : G_TYPE_INVALID,
                                    change->user_id);
  /* Translators: who made a change, and when */
  subtitle = who != NULL ? g_strdup_printf (_("%s · %s"), who, when) : g_strdup (when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  return row;
}

static void
reload (KontorHistorySection *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;

  if (self->record != NULL && kontor_record_get_id (self->record) != NULL)
    {
      changes = kontor_store_list_changes (kontor_context_get_store (self->context),
                                           kontor_record_get_id (self->record), MAX_CHANGES,
                                           &error);
      if (changes == NULL)
        g_warning ("Could not read the history: %s", error->message);
    }

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      gtk_list_box_append (self->list, new_row (self, g_ptr_array_index (changes, i)));
      self->n_rows++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->n_rows > 0);
}

static void
on_store_changed_cb (KontorHistorySection *self,
                     const char           *entity,
                     GArray               *rowids)
{
  gboolean ours = self->record != NULL && (rowids == NULL || rowids->len == 0);

  for (guint i = 0; self->record != NULL && !ours && i < rowids->len; i++)
    ours = g_array_index (rowids, gint64, i) == kontor_record_get_rowid (self->record);
  if (ours)
    reload (self);
}

static void
kontor_history_section_dispose (GObject *object)
{
  KontorHistorySection *self = KONTOR_HISTORY_SECTION (object);

  g_clear_object (&self->record);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_history_section_parent_class)->dispose (object);
}

static void
kontor_history_section_class_init (KontorHistorySectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_history_section_dispose;
}

static void
kontor_history_section_init (KontorHistorySection *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("History"));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("History"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * kontor_history_section_set_record:
 * @self: a section
 * @context: the context
 * @record: (nullable): a stored record
 *
 * Shows the history of @record.
 */
void
kontor_history_section_set_record (KontorHistorySection *self,
                                   KontorContext        *context,
                                   KontorRecord         *record)
{
  g_autofree char *signal = NULL;
  gboolean same;

  g_return_if_fail (KONTOR_IS_HISTORY_SECTION (self));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));

  if (self->context == NULL && record != NULL)
    {
      self->context = g_object_ref (context);
      signal = g_strconcat ("changed::", kontor_record_get_entity (record), NULL);
      g_signal_connect_object (kontor_context_get_store (context), signal,
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* the same record again (a page showing what it stored): the store's
   * signal has brought or will bring its changes */
  same = self->record != NULL && record != NULL &&
         g_strcmp0 (kontor_record_get_id (self->record), kontor_record_get_id (record)) == 0;
  g_set_object (&self->record, record);
  if (self->context != NULL && !same)
    reload (self);
}

/**
 * kontor_history_section_get_n_rows:
 * @self: a section
 *
 * Returns: how many changes it shows
 */
guint
kontor_history_section_get_n_rows (KontorHistorySection *self)
{
  g_return_val_if_fail (KONTOR_IS_HISTORY_SECTION (self), 0);

  return self->n_rows;
}
