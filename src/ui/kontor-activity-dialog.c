/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-activity-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-activity-dialog.h"
#include "kontor-contact-search.h"
#include "kontor-date-button.h"
#include "kontor-field-change.h"
#include "kontor-format.h"
#include "kontor-record-rules.h"
#include "kontor-record-write.h"
#include "kontor-store-blobs.h"
#include "kontor-text.h"
#include "kontor-ui-utils.h"

/**
 * KontorActivityDialog:
 *
 * Records a new activity or edits one (features A1, A3, A7;
 * src/README.md "Activities"): its kind and topic (the topics of where
 * it is recorded), subject, date and time, for a meeting the end and for
 * a lunch or meeting the place, for a task the due date, the reminder
 * and done, and notes. Only the rows of the chosen kind are shown. Save
 * asks the model's rules (kontor_record_validate()) and shows what they
 * refuse beside the rows; what they accept runs as one undoable
 * operation on the context's stack: a #KontorRecordWrite for a new one,
 * a #KontorFieldChange of the fields the form changed for an edit.
 * Delete is one too, undone from the toast. An activity recorded
 * automatically is shown, not edited.
 *
 * Below the notes: the contacts taking part (typed by name, the matches
 * listed under the row; Enter takes the first), the colleagues taking
 * part (a check row each), the files (at most three, kept by the store
 * under their hash; a large one only after asking) and the links (at
 * most three), each with Open and Remove (feature A4, A5). The model's
 * rules say what is refused and the dialog shows its words.
 */
struct _KontorActivityDialog
{
  AdwWindow         parent_instance;

  KontorContext    *context;
  GtkWidget        *parent;         /* the page, for toasts and errors */
  KontorActivity   *shown;          /* as stored, or the new one */
  gboolean          is_new;
  gboolean          read_only;

  GtkStringList    *topic_names;
  const KontorActivityTopic *topics;
  guint             n_topics;

  AdwComboRow      *kind_row;
  AdwComboRow      *topic_row;
  AdwEntryRow      *subject_row;
  AdwActionRow     *date_row;
  KontorDateButton *date_button;
  GtkEntry         *time_entry;
  AdwActionRow     *end_row;
  GtkEntry         *end_entry;
  AdwEntryRow      *location_row;
  AdwActionRow     *due_row;
  KontorDateButton *due_button;
  AdwActionRow     *remind_row;
  KontorDateButton *remind_button;
  GtkEntry         *remind_entry;
  AdwActionRow     *done_row;
  GtkSwitch        *done_switch;
  GtkTextView      *notes_view;
  GtkLabel         *feedback;
  GtkWidget        *save_button;
  GtkWidget        *delete_group;

  /* participants, files, links: the form's lists */
  GPtrArray        *contact_ids;     /* char * */
  GPtrArray        *attachments;     /* KontorAttachment */
  GPtrArray        *links;           /* char * */
  GPtrArray        *user_checks;     /* GtkCheckButton, "user-id" */
  AdwEntryRow      *participant_entry;
  KontorContactSearch *participant_search;
  GtkListBox       *participant_list;
  GtkWidget        *users_group;
  GtkListBox       *user_list;
  GtkWidget        *attach_button;
  GtkListBox       *file_list;
  AdwEntryRow      *link_entry;
  GtkWidget        *add_link_button;
  GtkListBox       *link_list;
  GtkFileChooserNative *chooser;
  GCancellable     *cancellable;
  guint             n_copying;       /* files being kept */
  gboolean          save_when_kept;  /* Save pressed while files were being kept */
};

G_DEFINE_FINAL_TYPE (KontorActivityDialog, kontor_activity_dialog, ADW_TYPE_WINDOW)

static KontorActivityKind
chosen_kind (KontorActivityDialog *self)
{
  return (KontorActivityKind) adw_combo_row_get_selected (self->kind_row);
}

/* Shows the rows the chosen kind has (feature A1) */
static void
update_rows (KontorActivityDialog *self)
{
  KontorActivityKind kind = chosen_kind (self);
  gboolean task = kind == KONTOR_ACTIVITY_KIND_TASK;

  gtk_widget_set_visible (GTK_WIDGET (self->date_row), !task);
  gtk_widget_set_visible (GTK_WIDGET (self->end_row), kind == KONTOR_ACTIVITY_KIND_MEETING);
  gtk_widget_set_visible (GTK_WIDGET (self->location_row),
                          kontor_activity_kind_has_location (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->due_row), task);
  gtk_widget_set_visible (GTK_WIDGET (self->remind_row), task);
  /* the row names its switch (activatable-widget) */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->done_row),
                                 task ? _("Done") : _("Took Place"));
}

static gboolean read_time (KontorDateButton  *date_button,
                           GtkEntry          *entry,
                           gint64             shown,
                           gint64            *time,
                           GError           **error);

/* A new one took place when its time has come: a call now, yes; a
 * meeting next week, not yet (it would be the contact's last activity,
 * in the future). A task starts open. */
static void
update_done (KontorActivityDialog *self)
{
  gint64 starts = 0;

  if (!self->is_new)
    return;

  if (chosen_kind (self) == KONTOR_ACTIVITY_KIND_TASK)
    gtk_switch_set_active (self->done_switch, FALSE);
  else if (read_time (self->date_button, self->time_entry, 0, &starts, NULL))
    gtk_switch_set_active (self->done_switch,
                           starts <= g_get_real_time () / G_USEC_PER_SEC);
}

static void
on_kind_changed_cb (KontorActivityDialog *self)
{
  update_done (self);
  update_rows (self);
}

static void
show_feedback (KontorActivityDialog *self,
               const char           *message)
{
  gtk_label_set_label (self->feedback, message);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback), message != NULL);
}

/* The time of a date button and a time entry; %FALSE with a message when
 * the time is not one. No date is 0. */
static gboolean
read_time (KontorDateButton  *date_button,
           GtkEntry          *entry,
           gint64             shown,
           gint64            *time,
           GError           **error)
{
  const char *date = kontor_date_button_get_date (date_button);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *shown_date = NULL;
  g_autofree char *shown_clock = NULL;
  int minutes = 0;

  /* as shown: the time as it was, to the second (the form shows minutes) */
  kontor_format_split_time (shown, &shown_date, &shown_clock);
  *time = shown;
  if (g_strcmp0 (date, shown_date) == 0 && g_strcmp0 (text, shown_clock) == 0)
    return TRUE;

  *time = 0;
  if (date == NULL)
    return TRUE;
  if (!kontor_text_is_blank (text) && !kontor_format_parse_clock (text, &minutes))
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                   /* Translators: %s is what was typed as a time of day */
                   _("“%s” is not a time of day. Write it as 14:30."), text);
      return FALSE;
    }

  *time = kontor_format_join_time (date, minutes);

  return TRUE;
}

static void
set_time (KontorDateButton *date_button,
          GtkEntry         *entry,
          gint64            time)
{
  g_autofree char *date = NULL;
  g_autofree char *clock = NULL;

  kontor_format_split_time (time, &date, &clock);
  kontor_date_button_set_date (date_button, date);
  gtk_editable_set_text (GTK_EDITABLE (entry), clock != NULL ? clock : "");
}

static char *
dup_notes (KontorActivityDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}


/* ------------------------------------------------------------------------ */
/* Participants, files and links (features A4, A5) */

static const char * const *
strv_of (GPtrArray *array)
{
  /* the arrays end in a NULL kept after their items */
  return (const char * const *) array->pdata;
}

static GPtrArray *
new_strv_array (void)
{
  GPtrArray *array = g_ptr_array_new_null_terminated (4, g_free, TRUE);

  return array;
}

/* What the lists say, into @activity */
static void
set_lists (KontorActivityDialog *self,
           KontorActivity       *activity)
{
  g_autoptr(GPtrArray) users = new_strv_array ();
  g_auto(GStrv) stored = kontor_activity_dup_participant_user_ids (self->shown);

  /* ids of colleagues not listed here (gone from the team) stay */
  for (guint i = 0; stored[i] != NULL; i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < self->user_checks->len; j++)
        listed |= g_strcmp0 (g_object_get_data (g_ptr_array_index (self->user_checks, j),
                                                "user-id"), stored[i]) == 0;
      if (!listed)
        g_ptr_array_add (users, g_strdup (stored[i]));
    }
  for (guint i = 0; i < self->user_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->user_checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (users, g_strdup (g_object_get_data (G_OBJECT (check), "user-id")));
    }

  kontor_activity_set_participant_user_ids (activity, strv_of (users));
  kontor_activity_set_participant_contact_ids (activity, strv_of (self->contact_ids));
  kontor_activity_set_attachment_list (activity, self->attachments);
  kontor_activity_set_link_list (activity, strv_of (self->links));
}

/* The lists as an activity, for the model's questions before an add */
static KontorActivity *
dup_with_lists (KontorActivityDialog *self)
{
  KontorActivity *activity = KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (self->shown)));

  kontor_activity_set_participant_contact_ids (activity, strv_of (self->contact_ids));
  kontor_activity_set_attachment_list (activity, self->attachments);
  kontor_activity_set_link_list (activity, strv_of (self->links));

  return activity;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkListBox *
new_boxed_list (const char *accessible_name)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);

  return list;
}

static GtkWidget *
new_row_button (const char *icon_name,
                const char *tooltip,
                const char *accessible_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);

  return button;
}

static void refresh_lists (KontorActivityDialog *self);

static void
on_remove_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  KontorActivityDialog *self = user_data;
  GPtrArray *array = g_object_get_data (G_OBJECT (button), "kontor-array");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kontor-index"));

  if (index >= array->len)
    return;
  g_ptr_array_remove_index (array, index);
  show_feedback (self, NULL);
  refresh_lists (self);
  /* the keyboard stays in the section it was in */
  if (array == self->contact_ids)
    gtk_widget_grab_focus (GTK_WIDGET (self->participant_entry));
  else if (array == self->links)
    gtk_widget_grab_focus (GTK_WIDGET (self->link_entry));
  else
    gtk_widget_grab_focus (self->attach_button);
}

static GtkWidget *
new_remove_button (KontorActivityDialog *self,
                   GPtrArray            *array,
                   guint                 index,
                   const char           *name)
{
  /* Translators: the button that takes a participant, file or link away; %s is its name */
  g_autofree char *label = g_strdup_printf (_("Remove %s"), name);
  GtkWidget *button = new_row_button ("list-remove-symbolic", _("Remove"), label);

  g_object_set_data (G_OBJECT (button), "kontor-array", array);
  g_object_set_data (G_OBJECT (button), "kontor-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_widget_set_visible (button, !self->read_only);

  return button;
}

static void
show_uri (KontorActivityDialog *self,
          const char           *uri)
{
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
on_open_file_clicked_cb (GtkButton *button,
                         gpointer   user_data)
{
  KontorActivityDialog *self = user_data;
  const KontorAttachment *attachment = g_object_get_data (G_OBJECT (button), "kontor-attachment");
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  if (!kontor_store_has_blob (store, attachment->sha256))
    {
      g_autofree char *message =
        /* Translators: %s is a file name */
        g_strdup_printf (_("The file “%s” is not on this computer yet; it comes with the next "
                           "sync."), attachment->name);

      show_feedback (self, message);
      return;
    }
  /* a copy of its own, read-only: an application that saves in place
   * never changes the file kept under its hash */
  path = kontor_store_dup_blob_open_path (store, attachment, &error);
  if (path == NULL)
    {
      show_feedback (self, error->message);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  show_uri (self, uri);
}

/* A link as stored may have come from another machine: only one the
 * model's rule takes (http, https, mailto) is handed to the desktop */
static void
on_open_link_clicked_cb (GtkButton *button,
                         gpointer   user_data)
{
  KontorActivityDialog *self = user_data;
  const char *uri = g_object_get_data (G_OBJECT (button), "kontor-uri");
  g_autoptr(GError) error = NULL;

  if (!kontor_activity_check_link (uri, &error))
    {
      show_feedback (self, error->message);
      return;
    }
  show_uri (self, uri);
}

static GtkWidget *
new_open_button (const char *name)
{
  /* Translators: the button that opens an attached file or a link; %s is its name */
  g_autofree char *label = g_strdup_printf (_("Open %s"), name);

  return new_row_button ("document-open-symbolic", _("Open"), label);
}

static void
refresh_lists (KontorActivityDialog *self)
{
  KontorStore *store = kontor_context_get_store (self->context);

  clear_list (self->participant_list);
  for (guint i = 0; i < self->contact_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->contact_ids, i);
      g_autoptr(KontorRecord) contact = kontor_store_load (store, KONTOR_TYPE_CONTACT, id, NULL);
      /* Translators: a participant whose contact was deleted */
      g_autofree char *name = contact != NULL ? kontor_record_dup_display_name (contact)
                                              : g_strdup (_("(deleted)"));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("avatar-default-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_remove_button (self, self->contact_ids, i, name));
      gtk_list_box_append (self->participant_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->participant_list), self->contact_ids->len > 0);

  clear_list (self->file_list);
  for (guint i = 0; i < self->attachments->len; i++)
    {
      const KontorAttachment *attachment = g_ptr_array_index (self->attachments, i);
      g_autofree char *size = g_format_size (attachment->size);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open = new_open_button (attachment->name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attachment->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      g_object_set_data (G_OBJECT (open), "kontor-attachment", (gpointer) attachment);
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_file_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_remove_button (self, self->attachments, i,
                                                    attachment->name));
      gtk_list_box_append (self->file_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->file_list), self->attachments->len > 0);

  clear_list (self->link_list);
  for (guint i = 0; i < self->links->len; i++)
    {
      const char *uri = g_ptr_array_index (self->links, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open = new_open_button (uri);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), uri);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("insert-link-symbolic"));
      g_object_set_data_full (G_OBJECT (open), "kontor-uri", g_strdup (uri), g_free);
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_link_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_remove_button (self, self->links, i, uri));
      gtk_list_box_append (self->link_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->link_list), self->links->len > 0);
}

/* Participants: the matches of what is typed, under the row
 * (KontorContactSearch) */
static void
on_participant_picked_cb (KontorActivityDialog *self,
                          KontorContact        *contact)
{
  const char *id = kontor_record_get_id (KONTOR_RECORD (contact));

  /* the suggestions leave out the contacts already there and the one
   * it is recorded on; Save asks the model all the same */
  if (!g_strv_contains (strv_of (self->contact_ids), id))
    g_ptr_array_add (self->contact_ids, g_strdup (id));

  show_feedback (self, NULL);
  refresh_lists (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->participant_entry));
}

/* the contact it is recorded on takes part anyway */
static gboolean
skip_participant (KontorRecord *contact,
                  gpointer      user_data)
{
  KontorActivityDialog *self = user_data;

  return g_strcmp0 (kontor_record_get_id (contact),
                    kontor_activity_get_contact_id (self->shown)) == 0 ||
         g_strv_contains (strv_of (self->contact_ids), kontor_record_get_id (contact));
}

static char *
dup_suggestion_title (const char *name)
{
  /* Translators: a suggestion under the participant row; %s is a contact's name */
  return g_strdup_printf (_("Add %s"), name);
}

/* Colleagues: a check row each */
static void
fill_users (KontorActivityDialog *self)
{
  g_autoptr(GPtrArray) users = kontor_store_list_users (kontor_context_get_store (self->context),
                                                        NULL);
  g_auto(GStrv) chosen = kontor_activity_dup_participant_user_ids (self->shown);

  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      KontorRecord *user = g_ptr_array_index (users, i);
      g_autofree char *name = kontor_record_dup_display_name (user);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char * const *) chosen,
                                                    kontor_record_get_id (user)));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      /* named by its row (activatable-widget), not a second time */
      g_object_set_data_full (G_OBJECT (check), "user-id",
                              g_strdup (kontor_record_get_id (user)), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, !self->read_only);
      gtk_list_box_append (self->user_list, row);
      g_ptr_array_add (self->user_checks, check);
    }
  gtk_widget_set_visible (self->users_group, self->user_checks->len > 0);
  /* three rows and a half show, the rest scroll */
  gtk_scrolled_window_set_min_content_height (
    g_object_get_data (G_OBJECT (self->users_group), "kontor-scroller"),
    MIN (self->user_checks->len * 52, 170));
}

/* Links: typed, checked by the model, added */
static void
add_link (KontorActivityDialog *self)
{
  g_autofree char *uri = g_strstrip (g_strdup (gtk_editable_get_text (
                                                 GTK_EDITABLE (self->link_entry))));
  g_autoptr(KontorActivity) activity = dup_with_lists (self);
  g_autoptr(GError) error = NULL;

  if (!kontor_activity_check_add_link (activity, uri, &error))
    {
      show_feedback (self, error->message);
      return;
    }

  g_ptr_array_add (self->links, g_steal_pointer (&uri));
  show_feedback (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->link_entry), "");
  refresh_lists (self);
}

/* Files: kept by the store on a worker, then listed */
static void
on_blob_added_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KontorActivityDialog) self = user_data;
  g_autoptr(KontorAttachment) attachment = NULL;
  g_autoptr(KontorActivity) activity = NULL;
  g_autoptr(GError) error = NULL;

  self->n_copying--;
  attachment = kontor_store_add_blob_finish (KONTOR_STORE (source), result, &error);
  /* closed meanwhile: the copy is collected at the next start */
  if (self->attachments == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (attachment != NULL)
    {
      activity = dup_with_lists (self);
      /* asked again: another file may have come in meanwhile, or the same */
      if (kontor_activity_check_add_attachment (activity, attachment->sha256, &error))
        {
          g_ptr_array_add (self->attachments, g_steal_pointer (&attachment));
          show_feedback (self, NULL);
          refresh_lists (self);
        }
    }
  if (error != NULL)
    show_feedback (self, error->message);

  /* Save waited for the files: it goes on when all are kept, unless one
   * failed, which the user should see before the activity goes without it */
  if (self->n_copying == 0 && self->save_when_kept)
    {
      self->save_when_kept = FALSE;
      if (error == NULL)
        kontor_activity_dialog_save (self);
    }
}

static void
keep_file (KontorActivityDialog *self,
           GFile                *file,
           gboolean              allow_large)
{
  self->n_copying++;
  kontor_store_add_blob_async (kontor_context_get_store (self->context), file, allow_large,
                               self->cancellable, on_blob_added_cb, g_object_ref (self));
}

static void
on_large_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  KontorActivityDialog *self = user_data;
  GFile *file = g_object_get_data (G_OBJECT (dialog), "kontor-file");

  if (g_strcmp0 (response, "attach") == 0)
    keep_file (self, file, TRUE);
}

/**
 * kontor_activity_dialog_attach_file:
 * @self: a dialog
 * @file: a file
 *
 * What the file chooser's "Open" does (and a test, which cannot drive
 * the chooser): refuses a file beyond the model's count with its words,
 * asks before a large one, then has the store keep a copy and lists it.
 */
void
kontor_activity_dialog_attach_file (KontorActivityDialog *self,
                                    GFile                *file)
{
  g_autoptr(KontorActivity) activity = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KONTOR_IS_ACTIVITY_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  activity = dup_with_lists (self);
  if (!kontor_activity_check_add_attachment (activity, NULL, &error))
    {
      show_feedback (self, error->message);
      return;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && kontor_store_blob_is_large (g_file_info_get_size (info)))
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *body =
        /* Translators: the first %s is a file name, the second its size ("40 MB") */
        g_strdup_printf (_("The file “%s” is %s. Attach it anyway?"),
                         g_file_info_get_display_name (info), size);
      AdwMessageDialog *ask = ADW_MESSAGE_DIALOG (
        adw_message_dialog_new (GTK_WINDOW (self), _("Attach a Large File?"), body));

      adw_message_dialog_add_responses (ask, "cancel", _("_Cancel"),
                                        "attach", _("_Attach"), NULL);
      adw_message_dialog_set_default_response (ask, "cancel");
      adw_message_dialog_set_close_response (ask, "cancel");
      g_object_set_data_full (G_OBJECT (ask), "kontor-file", g_object_ref (file),
                              g_object_unref);
      g_signal_connect_object (ask, "response", G_CALLBACK (on_large_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (ask));
      return;
    }

  keep_file (self, file, FALSE);
}

/**
 * kontor_activity_dialog_is_busy:
 * @self: a dialog
 *
 * Returns: whether a file is still being kept
 */
gboolean
kontor_activity_dialog_is_busy (KontorActivityDialog *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY_DIALOG (self), FALSE);

  return self->n_copying > 0;
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  KontorActivityDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        kontor_activity_dialog_attach_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorActivityDialog *self = KONTOR_ACTIVITY_DIALOG (widget);
  g_autoptr(KontorActivity) activity = dup_with_lists (self);
  g_autoptr(GError) error = NULL;

  if (self->read_only || self->chooser != NULL)
    return;
  /* a fourth is refused before a file is even chosen */
  if (!kontor_activity_check_add_attachment (activity, NULL, &error))
    {
      show_feedback (self, error->message);
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Attach File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Files dropped on the dialog are attached as if chosen, one by one;
 * the model refuses a fourth */
static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            gpointer       user_data)
{
  KontorActivityDialog *self = user_data;
  GSList *files;

  if (self->read_only || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    kontor_activity_dialog_attach_file (self, l->data);
  g_slist_free (files);

  return TRUE;
}

static void
build_lists (KontorActivityDialog *self,
             GtkWidget            *page)
{
  GtkDropTarget *drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  GtkWidget *people = adw_preferences_group_new ();
  GtkWidget *files = adw_preferences_group_new ();
  GtkWidget *links = adw_preferences_group_new ();

  self->contact_ids = new_strv_array ();
  self->links = new_strv_array ();
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_attachment_free);
  self->user_checks = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (people), _("Participants"));
  self->participant_entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->participant_entry),
                                 _("Add a contact by name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (people),
                             GTK_WIDGET (self->participant_entry));
  self->participant_search = kontor_contact_search_new (GTK_WIDGET (self->participant_entry),
                                                        "list-add-symbolic",
                                                        dup_suggestion_title);
  kontor_contact_search_set_skip (self->participant_search, skip_participant, self);
  gtk_widget_set_margin_top (GTK_WIDGET (kontor_contact_search_get_list (self->participant_search)),
                             12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (people),
                             GTK_WIDGET (kontor_contact_search_get_list (self->participant_search)));
  self->participant_list = new_boxed_list (_("Participants"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (people),
                             GTK_WIDGET (self->participant_list));

  self->users_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->users_group),
                                   _("Colleagues Taking Part"));
  self->user_list = new_boxed_list (_("Colleagues taking part"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->user_list), 0);
  /* a team of many scrolls here rather than the whole form */
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                    GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 170);
    g_object_set_data (G_OBJECT (self->users_group), "kontor-scroller", scroller);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->user_list));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->users_group), scroller);
  }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (files), _("Files"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (files),
                                         _("At most three files per activity"));
  self->attach_button = gtk_button_new_with_mnemonic (_("_Attach File…"));
  gtk_widget_add_css_class (self->attach_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->attach_button), "activity.attach");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (files), self->attach_button);
  self->file_list = new_boxed_list (_("Attached files"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->file_list), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (files), GTK_WIDGET (self->file_list));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (links), _("Links"));
  self->link_entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_entry),
                                 _("Add a link (https://…)"));
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->link_entry), TRUE);
  self->add_link_button = new_row_button ("list-add-symbolic", _("Add Link"), _("Add Link"));
  adw_entry_row_add_suffix (self->link_entry, self->add_link_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (links), GTK_WIDGET (self->link_entry));
  self->link_list = new_boxed_list (_("Links"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (links), GTK_WIDGET (self->link_list));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (people));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (self->users_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (files));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (links));

  g_signal_connect_object (self->participant_search, "picked",
                           G_CALLBACK (on_participant_picked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->link_entry, "entry-activated",
                           G_CALLBACK (add_link), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_link_button, "clicked",
                           G_CALLBACK (add_link), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

/* The lists of the activity shown */
static void
fill_lists (KontorActivityDialog *self)
{
  g_auto(GStrv) contacts = kontor_activity_dup_participant_contact_ids (self->shown);
  g_auto(GStrv) links = kontor_activity_dup_link_list (self->shown);
  g_autoptr(GPtrArray) attachments = kontor_activity_dup_attachments (self->shown);

  for (guint i = 0; contacts[i] != NULL; i++)
    g_ptr_array_add (self->contact_ids, g_strdup (contacts[i]));
  for (guint i = 0; links[i] != NULL; i++)
    g_ptr_array_add (self->links, g_strdup (links[i]));
  for (guint i = 0; i < attachments->len; i++)
    g_ptr_array_add (self->attachments,
                     kontor_attachment_copy (g_ptr_array_index (attachments, i)));
  fill_users (self);
  refresh_lists (self);
}

/* The form's state as an activity: a copy of the one shown with what
 * the form says; %NULL with a message when a time is not one */
static KontorActivity *
build (KontorActivityDialog  *self,
       GError               **error)
{
  g_autoptr(KontorActivity) activity =
    KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (self->shown)));
  KontorActivityKind kind = chosen_kind (self);
  gboolean task = kind == KONTOR_ACTIVITY_KIND_TASK;
  g_autofree char *notes = dup_notes (self);
  guint topic = adw_combo_row_get_selected (self->topic_row);
  gint64 starts = 0, ends = 0, remind = 0;
  int end_minutes;
  const char *end_text = gtk_editable_get_text (GTK_EDITABLE (self->end_entry));
  gboolean done = gtk_switch_get_active (self->done_switch);

  if (!read_time (self->date_button, self->time_entry, kontor_activity_get_starts_at (activity),
                  &starts, error) ||
      !read_time (self->remind_button, self->remind_entry,
                  kontor_activity_get_remind_at (activity), &remind, error))
    return NULL;

  /* a meeting ends on its day */
  if (kind == KONTOR_ACTIVITY_KIND_MEETING && !kontor_text_is_blank (end_text))
    {
      if (!kontor_format_parse_clock (end_text, &end_minutes))
        {
          g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                       _("“%s” is not a time of day. Write it as 14:30."), end_text);
          return NULL;
        }
      if (kontor_date_button_get_date (self->date_button) != NULL)
        ends = kontor_format_join_time (kontor_date_button_get_date (self->date_button),
                                        end_minutes);
      /* unchanged: as it was, to the second */
      if (ends / 60 == kontor_activity_get_ends_at (activity) / 60)
        ends = kontor_activity_get_ends_at (activity);
    }

  kontor_activity_set_kind (activity, kind);
  if (topic < self->n_topics)
    kontor_activity_set_topic (activity, self->topics[topic]);
  kontor_activity_set_subject (activity, gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  kontor_activity_set_notes (activity, notes);
  kontor_activity_set_starts_at (activity, task ? 0 : starts);
  kontor_activity_set_ends_at (activity, ends);
  kontor_activity_set_location (activity, kontor_activity_kind_has_location (kind)
                                          ? gtk_editable_get_text (GTK_EDITABLE (self->location_row))
                                          : NULL);
  kontor_activity_set_due_on (activity, task ? kontor_date_button_get_date (self->due_button)
                                             : NULL);
  kontor_activity_set_remind_at (activity, task ? remind : 0);

  /* ticked off now; a task ticked off before keeps its time */
  if (done != kontor_activity_get_done (activity) ||
      (task && done && kontor_activity_get_done_at (activity) == 0))
    kontor_activity_complete (activity, done, g_get_real_time () / G_USEC_PER_SEC);
  if (!task)
    kontor_activity_set_done_at (activity, 0);

  set_lists (self, activity);

  return g_steal_pointer (&activity);
}

static char *
dup_name (KontorActivity *activity)
{
  return kontor_record_dup_display_name (KONTOR_RECORD (activity));
}

/**
 * kontor_activity_dialog_save:
 * @self: a dialog
 *
 * What Save does: checks the form by the model's rules and, when they
 * accept it, records or changes the activity as one undoable operation
 * and closes. A refusal stays in the dialog, named beside the rows.
 *
 * Returns: whether the activity was saved
 */
gboolean
kontor_activity_dialog_save (KontorActivityDialog *self)
{
  g_autoptr(KontorActivity) activity = NULL;
  g_autoptr(KontorOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  KontorStore *store;

  g_return_val_if_fail (KONTOR_IS_ACTIVITY_DIALOG (self), FALSE);

  if (self->read_only)
    return FALSE;

  /* a file still being copied would be left out: save when it is kept */
  if (self->n_copying > 0)
    {
      self->save_when_kept = TRUE;
      show_feedback (self, _("Saving once the files are copied…"));
      return FALSE;
    }

  activity = build (self, &error);
  if (activity == NULL ||
      !kontor_record_validate (KONTOR_RECORD (activity),
                               self->is_new ? NULL : KONTOR_RECORD (self->shown), &error))
    {
      show_feedback (self, error->message);
      return FALSE;
    }
  show_feedback (self, NULL);

  store = kontor_context_get_store (self->context);
  name = dup_name (activity);
  if (self->is_new)
    {
      /* Translators: the toast after an activity was recorded; its subject or kind */
      title = g_strdup_printf (_("“%s” recorded"), name);
      operation = KONTOR_OPERATION (kontor_record_write_new_create (store, KONTOR_RECORD (activity),
                                                                    title));
    }
  else
    {
      KontorFieldChange *change;

      /* Translators: the toast after an activity was changed; its subject or kind */
      title = g_strdup_printf (_("“%s” changed"), name);
      change = kontor_field_change_new_edit (store, KONTOR_RECORD (self->shown),
                                             KONTOR_RECORD (activity), title);
      operation = KONTOR_OPERATION (change);
      if (kontor_field_change_is_empty (change))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return TRUE;
        }
    }

  if (!kontor_ui_run_operation (self->parent, self->context, operation))
    return FALSE;

  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static void
on_enter_cb (KontorActivityDialog *self)
{
  kontor_activity_dialog_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kontor_activity_dialog_save (KONTOR_ACTIVITY_DIALOG (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorActivityDialog *self = KONTOR_ACTIVITY_DIALOG (widget);
  g_autoptr(KontorRecordWrite) deletion = NULL;
  g_autofree char *name = dup_name (self->shown);
  /* Translators: the toast after an activity was deleted; its subject or kind */
  g_autofree char *title = g_strdup_printf (_("“%s” deleted"), name);

  deletion = kontor_record_write_new_delete (kontor_context_get_store (self->context),
                                             KONTOR_RECORD (self->shown), title);
  if (kontor_ui_run_operation (self->parent, self->context, KONTOR_OPERATION (deletion)))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static GtkEntry *
new_time_entry (const char *accessible_name)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
  gtk_entry_set_max_length (entry, 5);
  gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_valign (GTK_WIDGET (entry), GTK_ALIGN_CENTER);
  /* Translators: the placeholder of a time of day */
  gtk_entry_set_placeholder_text (entry, _("hh:mm"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);

  return entry;
}

static AdwActionRow *
new_action_row (const char *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  return row;
}

static KontorDateButton *
new_date_button (AdwActionRow *row,
                 const char   *title)
{
  KontorDateButton *button = KONTOR_DATE_BUTTON (kontor_date_button_new ());

  kontor_date_button_set_title (button, title);
  gtk_widget_set_valign (GTK_WIDGET (button), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, GTK_WIDGET (button));

  return button;
}

static void
build_form (KontorActivityDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *what = adw_preferences_group_new ();
  GtkWidget *when = adw_preferences_group_new ();
  GtkWidget *notes_group = adw_preferences_group_new ();
  GtkWidget *notes_frame = gtk_frame_new (NULL);
  GtkWidget *delete_button = gtk_button_new_with_mnemonic (_("_Delete Activity"));
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    gtk_string_list_append (kinds, kontor_activity_kind_to_string (kind));

  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "activity.save");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "activity.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);

  self->feedback = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->feedback, TRUE);
  gtk_label_set_xalign (self->feedback, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->feedback), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->feedback),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback), FALSE);

  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Type"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  self->topic_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->topic_row), _("Topic"));
  self->subject_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subject_row), _("Subject"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), GTK_WIDGET (self->feedback));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), GTK_WIDGET (self->kind_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), GTK_WIDGET (self->topic_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), GTK_WIDGET (self->subject_row));

  self->date_row = new_action_row (_("Date"));
  self->date_button = new_date_button (self->date_row, _("Date"));
  self->time_entry = new_time_entry (_("Time"));
  adw_action_row_add_suffix (self->date_row, GTK_WIDGET (self->time_entry));
  self->end_row = new_action_row (_("End"));
  self->end_entry = new_time_entry (_("End"));
  adw_action_row_add_suffix (self->end_row, GTK_WIDGET (self->end_entry));
  self->location_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_row), _("Place"));
  self->due_row = new_action_row (_("Due date"));
  self->due_button = new_date_button (self->due_row, _("Due date"));
  self->remind_row = new_action_row (_("Reminder"));
  self->remind_button = new_date_button (self->remind_row, _("Reminder"));
  self->remind_entry = new_time_entry (_("Reminder time"));
  adw_action_row_add_suffix (self->remind_row, GTK_WIDGET (self->remind_entry));
  self->done_row = new_action_row (_("Done"));
  self->done_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->done_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->done_row, GTK_WIDGET (self->done_switch));
  adw_action_row_set_activatable_widget (self->done_row, GTK_WIDGET (self->done_switch));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (when), _("When"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->date_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->end_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->location_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->due_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->remind_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->done_row));

  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  /* Tab goes on to the next control, as in every other row of the form */
  gtk_text_view_set_accepts_tab (self->notes_view, FALSE);
  gtk_text_view_set_top_margin (self->notes_view, 8);
  gtk_text_view_set_bottom_margin (self->notes_view, 8);
  gtk_text_view_set_left_margin (self->notes_view, 8);
  gtk_text_view_set_right_margin (self->notes_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 120);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  gtk_frame_set_child (GTK_FRAME (notes_frame), GTK_WIDGET (self->notes_view));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (notes_group), _("Notes"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (notes_group), notes_frame);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "activity.delete");
  gtk_widget_add_css_class (delete_button, "destructive-action");
  gtk_widget_set_halign (delete_button, GTK_ALIGN_CENTER);
  self->delete_group = adw_preferences_group_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->delete_group), delete_button);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (what));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (when));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (notes_group));
  build_lists (self, page);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (self->delete_group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  /* Enter in a text saves. No default widget: GTK 4.8 gives Enter to the
   * window's default before a combo row, which then never opens. */
  g_signal_connect_object (self->subject_row, "entry-activated",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->location_row, "entry-activated",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_entry, "activate",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_entry, "activate",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->remind_entry, "activate",
                           G_CALLBACK (on_enter_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_button, "notify::date", G_CALLBACK (update_done), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_entry, "changed", G_CALLBACK (update_done), self,
                           G_CONNECT_SWAPPED);
}

static void
fill (KontorActivityDialog *self)
{
  KontorActivity *activity = self->shown;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *end_date = NULL;
  g_autofree char *end_clock = NULL;
  const char *notes = kontor_activity_get_notes (activity);

  self->topics = kontor_activity_topics_for_place (kontor_activity_get_place (activity),
                                                   &self->n_topics);
  self->topic_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < self->n_topics; i++)
    gtk_string_list_append (self->topic_names, kontor_activity_topic_to_string (self->topics[i]));
  adw_combo_row_set_model (self->topic_row, G_LIST_MODEL (self->topic_names));
  for (guint i = 0; i < self->n_topics; i++)
    {
      if (self->topics[i] == kontor_activity_get_topic (activity))
        adw_combo_row_set_selected (self->topic_row, i);
    }

  adw_combo_row_set_selected (self->kind_row, kontor_activity_get_kind (activity));
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row),
                         kontor_activity_get_subject (activity) ?: "");
  set_time (self->date_button, self->time_entry, kontor_activity_get_starts_at (activity));
  kontor_format_split_time (kontor_activity_get_ends_at (activity), &end_date, &end_clock);
  gtk_editable_set_text (GTK_EDITABLE (self->end_entry), end_clock != NULL ? end_clock : "");
  gtk_editable_set_text (GTK_EDITABLE (self->location_row),
                         kontor_activity_get_location (activity) ?: "");
  kontor_date_button_set_date (self->due_button, kontor_activity_get_due_on (activity));
  set_time (self->remind_button, self->remind_entry, kontor_activity_get_remind_at (activity));
  gtk_switch_set_active (self->done_switch, kontor_activity_get_done (activity));
  gtk_text_buffer_set_text (buffer, notes != NULL ? notes : "", -1);
  update_rows (self);
}

static void
on_destroy_cb (KontorActivityDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
kontor_activity_dialog_dispose (GObject *object)
{
  KontorActivityDialog *self = KONTOR_ACTIVITY_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->parent);
  g_clear_object (&self->shown);
  g_clear_object (&self->topic_names);
  on_destroy_cb (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->contact_ids, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_object (&self->participant_search);
  g_clear_pointer (&self->user_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (kontor_activity_dialog_parent_class)->dispose (object);
}

static void
kontor_activity_dialog_class_init (KontorActivityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_activity_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "activity.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "activity.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "activity.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "activity.attach", NULL, attach_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "activity.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "activity.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "activity.save", NULL);
}

static void
kontor_activity_dialog_init (KontorActivityDialog *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);
  build_form (self);
  g_signal_connect (self, "destroy", G_CALLBACK (on_destroy_cb), NULL);
}

/**
 * kontor_activity_dialog_new:
 * @parent: the page it is opened from
 * @context: the context
 * @activity: a new activity (not stored) or a stored one
 *
 * Returns: (transfer full): the dialog, not shown yet
 */
KontorActivityDialog *
kontor_activity_dialog_new (GtkWidget      *parent,
                            KontorContext  *context,
                            KontorActivity *activity)
{
  KontorActivityDialog *self;
  KontorStore *store;
  KontorUser *me;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (activity), NULL);

  self = g_object_new (KONTOR_TYPE_ACTIVITY_DIALOG,
                       "transient-for", kontor_ui_get_window (parent),
                       NULL);
  self->context = g_object_ref (context);
  self->parent = g_object_ref (parent);
  self->shown = KONTOR_ACTIVITY (kontor_record_copy (KONTOR_RECORD (activity)));
  self->is_new = kontor_record_get_rowid (KONTOR_RECORD (activity)) == 0;
  store = kontor_context_get_store (context);
  me = kontor_store_get_current_user (store);
  kontor_contact_search_set_store (self->participant_search, store);

  /* what may not be changed is shown, not offered (features A7, U1) */
  self->read_only = !kontor_context_can_edit (context) ||
                    (!self->is_new && !kontor_activity_check_edit (activity, NULL));
  gtk_window_set_title (GTK_WINDOW (self),
                        self->is_new ? _("New Activity")
                                     : self->read_only ? _("Activity") : _("Edit Activity"));
  fill (self);
  fill_lists (self);

  gtk_widget_set_visible (self->save_button, !self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->participant_entry), !self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->link_entry), !self->read_only);
  gtk_widget_set_visible (self->attach_button, !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (gtk_widget_get_parent (
                              GTK_WIDGET (self->kind_row))), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_view), !self->read_only);
  gtk_widget_set_visible (self->delete_group,
                          !self->is_new && kontor_context_can_edit (context) &&
                          kontor_activity_check_delete (
                            activity, me != NULL ? kontor_record_get_id (KONTOR_RECORD (me))
                                                 : NULL, NULL));
  /* what a person types first */
  if (!self->read_only)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->subject_row));
  if (self->read_only)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->end_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->location_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->due_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->remind_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->done_row), FALSE);
    }

  return self;
}

/**
 * kontor_activity_dialog_get_activity:
 * @self: a dialog
 *
 * Returns: (transfer none): the activity as the dialog was opened with it
 */
KontorActivity *
kontor_activity_dialog_get_activity (KontorActivityDialog *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY_DIALOG (self), NULL);

  return self->shown;
}
