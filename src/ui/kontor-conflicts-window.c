/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-conflicts-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-conflicts-window.h"
#include "kontor-format.h"
#include "kontor-pipeline-rules.h"
#include "kontor-record.h"
#include "kontor-record-json.h"
#include "kontor-record-rules.h"
#include "kontor-store-sync.h"
#include "kontor-sync-entity.h"
#include "kontor-ui-utils.h"
#include "kontor-value-text.h"

/**
 * KontorConflictsWindow:
 *
 * "Konflikte" (feature S4, src/README.md "Conflicts"): the changes of this
 * user that the team server could not take as they were, because a
 * colleague changed the same thing first, one group each, in words: the
 * record, the field, the value before, the colleague's and the user's.
 * For a field the user keeps theirs or takes the colleague's; for a
 * record a colleague deleted while the user changed it, it is restored
 * with the user's changes or let go; for one the user deleted while a
 * colleague changed it, it is deleted anyway or kept. The answer goes to
 * the server with the next sync, in order with the user's other changes,
 * and the conflict is gone on the user's other machines too.
 */
struct _KontorConflictsWindow
{
  AdwPreferencesWindow  parent_instance;

  KontorContext        *context;
  AdwPreferencesPage   *page;
  GPtrArray            *groups;
};

G_DEFINE_FINAL_TYPE (KontorConflictsWindow, kontor_conflicts_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void reload (KontorConflictsWindow *self);

static GType
record_type (const char *entity)
{
  const KontorSyncEntity *info = kontor_sync_entity_lookup (entity);

  return info != NULL ? kontor_sync_entity_get_record_type (info) : G_TYPE_INVALID;
}

typedef struct
{
  KontorConflictsWindow *self;
  char                  *id;
  char                  *entity_id;
  gboolean               move;     /* a pipeline status: the move's parts follow */
  const char            *choice;
} Answer;

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_free (answer->id);
  g_free (answer->entity_id);
  g_free (answer);
}

/* The place in the column and the time of entering it follow the answer
 * about a move's status (kontor_pipeline_is_move_part ()); with @entity_id
 * %NULL, those of records without a status conflict take the team's */
static gboolean
answer_move_parts (KontorConflictsWindow  *self,
                   const char             *entity_id,
                   const char             *choice,
                   guint                  *answered,
                   GError                **error)
{
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(GPtrArray) conflicts = kontor_store_sync_list_conflicts (store, error);
  g_autoptr(GHashTable) moved = g_hash_table_new (g_str_hash, g_str_equal);

  if (conflicts == NULL)
    return FALSE;
  for (guint i = 0; i < conflicts->len; i++)
    {
      KontorSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->status, "open") &&
          g_strcmp0 (conflict->field, "pipeline_status_id") == 0)
        g_hash_table_add (moved, conflict->entity_id);
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      KontorSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (!g_str_equal (conflict->status, "open") || !g_str_equal (conflict->entity, "contact") ||
          !kontor_pipeline_is_move_part (conflict->field))
        continue;
      if (entity_id != NULL ? !g_str_equal (conflict->entity_id, entity_id)
                            : g_hash_table_contains (moved, conflict->entity_id))
        continue;
      if (!kontor_store_sync_resolve_conflict (store, conflict->id, choice, NULL, error))
        return FALSE;
      if (answered != NULL)
        (*answered)++;
    }

  return TRUE;
}

static void
on_answer_clicked_cb (GtkButton *button,
                      Answer    *answer)
{
  KontorConflictsWindow *self = answer->self;
  KontorSyncService *sync = kontor_context_get_sync (self->context);
  g_autoptr(GError) error = NULL;

  if (!kontor_store_sync_resolve_conflict (kontor_context_get_store (self->context), answer->id,
                                           answer->choice, NULL, &error) ||
      (answer->move &&
       !answer_move_parts (self, answer->entity_id, answer->choice, NULL, &error)))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (error->message));
  else
    {
      /* TRANSLATORS: the toast after a conflict was answered */
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Answered; your team’s server learns "
                                                         "it with the next sync.")));
      if (sync != NULL)
        kontor_sync_service_sync_now (sync);
    }
  reload (self);
}

/* "Another Value…": a text field's third answer, checked by the model's
 * rules on the record as stored before it is kept */
typedef struct
{
  KontorConflictsWindow *self;
  char                  *id;
  char                  *entity;
  char                  *entity_id;
  char                  *column;
  GtkEditable           *entry;
} OtherValue;

static void
other_value_free (gpointer data)
{
  OtherValue *other = data;

  g_free (other->id);
  g_free (other->entity);
  g_free (other->entity_id);
  g_free (other->column);
  g_free (other);
}

static void
on_other_value_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            OtherValue       *other)
{
  KontorConflictsWindow *self = other->self;
  KontorStore *store = kontor_context_get_store (self->context);
  GType type = record_type (other->entity);
  g_autoptr(KontorRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *text = gtk_editable_get_text (other->entry);
  guint index;

  if (!g_str_equal (response, "keep"))
    return;

  /* the rules of the field (length, characters, syntax), as a form's */
  record = kontor_store_load (store, type, other->entity_id, &error);
  if (record != NULL &&
      kontor_record_class_find_field (KONTOR_RECORD_GET_CLASS (record), other->column, &index) != NULL)
    {
      kontor_record_set_string (record, index, *text != '\0' ? text : NULL);
      kontor_record_validate (record, NULL, &error);
    }
  json = *text != '\0' ? kontor_json_quote (text) : g_strdup ("null");
  if (error == NULL &&
      kontor_store_sync_resolve_conflict (store, other->id, "value", json, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Answered; your team’s server learns "
                                                         "it with the next sync.")));
      if (kontor_context_get_sync (self->context) != NULL)
        kontor_sync_service_sync_now (kontor_context_get_sync (self->context));
    }
  if (error != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (error->message));
  reload (self);
}

static void
on_other_value_clicked_cb (GtkButton  *button,
                           OtherValue *template)
{
  KontorConflictsWindow *self = template->self;
  OtherValue *other = g_new0 (OtherValue, 1);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  other->self = self;
  other->id = g_strdup (template->id);
  other->entity = g_strdup (template->entity);
  other->entity_id = g_strdup (template->entity_id);
  other->column = g_strdup (template->column);
  other->entry = GTK_EDITABLE (entry);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Another Value"),
                                                       _("The value the team keeps instead of "
                                                         "yours and your colleague’s.")));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Value"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  kontor_ui_add_question_responses (dialog, "keep", _("_Keep This Value"),
                                    ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_other_value_response_cb), other,
                         (GClosureNotify) (void (*) (void)) other_value_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
new_answer_button (KontorConflictsWindow    *self,
                   const KontorSyncConflict *conflict,
                   const char               *choice,
                   const char               *label,
                   gboolean                  suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  Answer *answer = g_new0 (Answer, 1);

  answer->self = self;
  answer->id = g_strdup (conflict->id);
  answer->entity_id = g_strdup (conflict->entity_id);
  answer->move = g_str_equal (conflict->entity, "contact") &&
                 g_strcmp0 (conflict->field, "pipeline_status_id") == 0;
  answer->choice = choice;
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_answer_clicked_cb), answer,
                         (GClosureNotify) (void (*) (void)) answer_free, 0);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");

  return button;
}

static GtkWidget *
new_conflict_group (KontorConflictsWindow    *self,
                    const KontorSyncConflict *conflict)
{
  KontorStore *store = kontor_context_get_store (self->context);
  GType type = record_type (conflict->entity);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *name = kontor_value_text_dup_name (store, type, conflict->entity_id);
  const KontorField *field = NULL;
  guint index;

  if (type != G_TYPE_INVALID && conflict->field != NULL)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (type);

      field = kontor_record_class_find_field (KONTOR_RECORD_CLASS (klass), conflict->field,
                                              &index);
    }
  adw_preferences_group_set_title (group, name != NULL ? name : _("A record"));

  if (g_str_equal (conflict->kind, "edit_vs_delete"))
    {
      adw_preferences_group_set_description (group, _("A colleague deleted this record while "
                                                      "you changed it here."));
      gtk_box_append (GTK_BOX (buttons),
                      new_answer_button (self, conflict, "theirs", _("_Discard My Changes"),
                                         FALSE));
      gtk_box_append (GTK_BOX (buttons),
                      new_answer_button (self, conflict, "mine", _("_Restore With My Changes"),
                                         TRUE));
    }
  else if (g_str_equal (conflict->kind, "delete_vs_edit"))
    {
      adw_preferences_group_set_description (group, _("You deleted this record while a "
                                                      "colleague changed it."));
      gtk_box_append (GTK_BOX (buttons),
                      new_answer_button (self, conflict, "mine", _("_Delete Anyway"), FALSE));
      gtk_box_append (GTK_BOX (buttons),
                      new_answer_button (self, conflict, "theirs", _("_Keep It"), TRUE));
    }
  else
    {
      g_autofree char *base = NULL;
      g_autofree char *theirs = NULL;
      g_autofree char *yours = NULL;
      g_autofree char *description = NULL;
      const char *label = field != NULL ? _(field->label) : conflict->field;

      if (field != NULL)
        {
          base = kontor_value_text_dup (store, type, field, conflict->base_json);
          theirs = kontor_value_text_dup (store, type, field, conflict->theirs_json);
          yours = kontor_value_text_dup (store, type, field, conflict->yours_json);
        }
      if (conflict->theirs_by != NULL)
        {
          g_autoptr(GDateTime) at = conflict->theirs_at != NULL
                                    ? g_date_time_new_from_iso8601 (conflict->theirs_at, NULL)
                                    : NULL;
          g_autofree char *when = at != NULL ? kontor_format_moment (g_date_time_to_unix (at))
                                             : NULL;

          if (when != NULL)
            /* Translators: a colleague's name, a field's name, the colleague's
             * name again, and when ("Today at 14:32") */
            description = g_strdup_printf (_("You and %s both changed “%s”. The team has the "
                                             "value %s gave it: %s."),
                                           conflict->theirs_by, label, conflict->theirs_by, when);
          else
            /* Translators: a colleague's name, a field's name, the colleague's name */
            description = g_strdup_printf (_("You and %s both changed “%s”. The team has the "
                                             "value %s gave it."),
                                           conflict->theirs_by, label, conflict->theirs_by);
        }
      else
        /* Translators: %s is a field's name, "Phone" */
        description = g_strdup_printf (_("You and a colleague both changed “%s”. The team has "
                                         "the colleague’s value now."), label);
      adw_preferences_group_set_description (group, description);
      adw_preferences_group_add (group, kontor_ui_new_text_row (_("Before"), base != NULL ? base
                                                                   : conflict->base_json));
      adw_preferences_group_add (group, kontor_ui_new_text_row (_("Your Colleague’s"),
                                                       theirs != NULL ? theirs
                                                       : conflict->theirs_json));
      adw_preferences_group_add (group, kontor_ui_new_text_row (_("Yours"), yours != NULL ? yours
                                                                   : conflict->yours_json));
      if (field != NULL && field->type == KONTOR_FIELD_TYPE_STRING)
        {
          GtkWidget *other_button = gtk_button_new_with_mnemonic (_("_Another Value…"));
          OtherValue *other = g_new0 (OtherValue, 1);

          other->self = self;
          other->id = g_strdup (conflict->id);
          other->entity = g_strdup (conflict->entity);
          other->entity_id = g_strdup (conflict->entity_id);
          other->column = g_strdup (conflict->field);
          g_signal_connect_data (other_button, "clicked", G_CALLBACK (on_other_value_clicked_cb),
                                 other, (GClosureNotify) (void (*) (void)) other_value_free, 0);
          gtk_box_append (GTK_BOX (buttons), other_button);
        }
      gtk_box_append (GTK_BOX (buttons),
                      new_answer_button (self, conflict, "theirs", _("_Take Theirs"), FALSE));
      gtk_box_append (GTK_BOX (buttons),
                      new_answer_button (self, conflict, "mine", _("_Keep Mine"), TRUE));
    }

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  adw_preferences_group_add (group, buttons);

  return GTK_WIDGET (group);
}

static void
reload (KontorConflictsWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;
  guint answered = 0;

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  /* a move's place and time are not asked about: they follow the answer
   * about its status, or, when only they differ (both moved the card
   * within the same column), the team's stay */
  if (!answer_move_parts (self, NULL, "theirs", &answered, &error))
    g_warning ("Could not settle the parts of moves: %s", error->message);
  else if (answered > 0 && kontor_context_get_sync (self->context) != NULL)
    kontor_sync_service_sync_now (kontor_context_get_sync (self->context));
  g_clear_error (&error);

  conflicts = kontor_store_sync_list_conflicts (kontor_context_get_store (self->context), &error);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      KontorSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      GtkWidget *group;

      if (!g_str_equal (conflict->status, "open") ||
          (g_str_equal (conflict->entity, "contact") &&
           kontor_pipeline_is_move_part (conflict->field)))
        continue;
      group = new_conflict_group (self, conflict);
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
      shown++;
    }

  if (shown == 0)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (group, _("No Conflicts"));
      adw_preferences_group_set_description (group, error != NULL ? error->message
                                             : _("Every change of yours reached the team as "
                                                 "you made it."));
      adw_preferences_page_add (self->page, group);
      g_ptr_array_add (self->groups, group);
    }
}

static void
on_store_changed_cb (KontorConflictsWindow *self)
{
  reload (self);
}

static void
kontor_conflicts_window_constructed (GObject *object)
{
  KontorConflictsWindow *self = KONTOR_CONFLICTS_WINDOW (object);

  G_OBJECT_CLASS (kontor_conflicts_window_parent_class)->constructed (object);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->page, _("Conflicts"));
  adw_preferences_page_set_icon_name (self->page, "dialog-warning-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->page);
  /* a sync that brings or settles conflicts tells the lists */
  g_signal_connect_object (kontor_context_get_store (self->context), "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
kontor_conflicts_window_dispose (GObject *object)
{
  KontorConflictsWindow *self = KONTOR_CONFLICTS_WINDOW (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_conflicts_window_parent_class)->dispose (object);
}

static void
kontor_conflicts_window_class_init (KontorConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kontor_conflicts_window_constructed;
  object_class->dispose = kontor_conflicts_window_dispose;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorConflictsWindow, context));
}

static void
kontor_conflicts_window_init (KontorConflictsWindow *self)
{
  self->groups = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Conflicts"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
}

/**
 * kontor_conflicts_window_new:
 * @parent: (nullable): the window it belongs to
 * @context: the context
 *
 * Returns: (transfer none): the window, owned by GTK; present it
 */
GtkWindow *
kontor_conflicts_window_new (GtkWindow     *parent,
                             KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_CONFLICTS_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "context", context,
                       NULL);
}
