/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-activities-section"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-activities-section.h"
#include "kontor-activity-dialog.h"
#include "kontor-field-change.h"
#include "kontor-filter.h"
#include "kontor-format.h"
#include "kontor-record-write.h"
#include "kontor-text.h"
#include "kontor-ui-utils.h"

/**
 * KontorActivitiesSection:
 *
 * The activity timeline of a contact or a company (features A2, A6, A8;
 * src/README.md "Activities"), the first section of their pages: a row
 * to record a note or a call by typing ("Notiz / Anruf erfassen", Enter
 * records it), open tasks first with a check button to tick them off in
 * place, then the rest, newest first, each opening #KontorActivityDialog.
 * The affiliation switch ("Aktivitätszugehörigkeit") adds a contact's
 * company's activities, or a company's contacts', each naming where it
 * was recorded; a kind and the open tasks narrow it. The first few are shown, the rest behind "Show All".
 * Every write is an undoable operation; the section follows the store.
 */

#define FIRST_ROWS 6

/* the kinds the quick row records; a task, a meeting or a lunch needs the dialog */
static const KontorActivityKind quick_kinds[] = {
  KONTOR_ACTIVITY_KIND_NOTE,
  KONTOR_ACTIVITY_KIND_CALL,
  KONTOR_ACTIVITY_KIND_EMAIL,
};

struct _KontorActivitiesSection
{
  AdwPreferencesGroup  parent_instance;

  KontorContext       *context;
  KontorRecord        *owner;
  GtkListBox          *list;
  AdwEntryRow         *quick_row;
  GtkDropDown         *quick_kind;
  GtkDropDown         *quick_topic;
  AdwActionRow        *affiliation_row;
  GtkSwitch           *affiliation_switch;
  AdwActionRow        *filter_row;
  GtkDropDown         *filter_kind;
  GtkDropDown         *filter_colleague;
  GtkDropDown         *filter_contact;
  KontorFilter        *filter;        /* its participant: a colleague or a contact */
  GtkToggleButton     *filter_open;
  GtkWidget           *new_button;
  GPtrArray           *rows;          /* the activity rows shown */
  guint                n_rows;
  gboolean             show_all;
  guint                reload_id;
};

G_DEFINE_FINAL_TYPE (KontorActivitiesSection, kontor_activities_section,
                     ADW_TYPE_PREFERENCES_GROUP)

static void reload (KontorActivitiesSection *self);
static void fill_people (GtkDropDown *drop_down,
                         const char  *all,
                         GPtrArray   *people);
static void on_contact_changed_cb (KontorActivitiesSection *self);
static void on_colleague_changed_cb (KontorActivitiesSection *self);

static KontorStore *
get_store (KontorActivitiesSection *self)
{
  return kontor_context_get_store (self->context);
}

static const char *
id_of (gpointer record)
{
  return kontor_record_get_id (KONTOR_RECORD (record));
}

/* Where an affiliated activity was recorded, when not on the owner */
static char *
dup_elsewhere (KontorActivitiesSection *self,
               KontorActivity          *activity)
{
  const char *contact_id = kontor_activity_get_contact_id (activity);
  const char *company_id = kontor_activity_get_company_id (activity);
  g_autoptr(KontorRecord) other = NULL;

  if (g_strcmp0 (contact_id, id_of (self->owner)) == 0 ||
      g_strcmp0 (company_id, id_of (self->owner)) == 0)
    return NULL;

  other = kontor_store_load (get_store (self),
                             contact_id != NULL ? KONTOR_TYPE_CONTACT : KONTOR_TYPE_COMPANY,
                             contact_id != NULL ? contact_id : company_id, NULL);

  return other != NULL ? kontor_record_dup_display_name (other) : NULL;
}

/* Whether the owner (a contact) is a participant of @activity (feature A4) */
static gboolean
took_part (KontorActivitiesSection *self,
           KontorActivity          *activity)
{
  g_auto(GStrv) ids = kontor_activity_dup_participant_contact_ids (activity);

  return g_strv_contains ((const char * const *) ids, id_of (self->owner));
}

/**
 * kontor_activity_dup_hint:
 * @activity: an activity
 * @has_files: (out): whether it has files or links (a paperclip)
 * @has_people: (out): whether it has participants (a people icon)
 *
 * The hint of a row of the timeline or the list with participants,
 * files or links: which icons, and the words of its accessible
 * description.
 *
 * Returns: (transfer full) (nullable): "2 participants, 1 file", %NULL
 *   when it has none of them
 */
char *
kontor_activity_dup_hint (KontorActivity *activity,
                          gboolean       *has_files,
                          gboolean       *has_people)
{
  g_auto(GStrv) contacts = kontor_activity_dup_participant_contact_ids (activity);
  g_auto(GStrv) users = kontor_activity_dup_participant_user_ids (activity);
  g_auto(GStrv) links = kontor_activity_dup_link_list (activity);
  g_autoptr(GPtrArray) files = kontor_activity_dup_attachments (activity);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_people = g_strv_length (contacts) + g_strv_length (users);
  guint n_links = g_strv_length (links);

  *has_files = files->len > 0 || n_links > 0;
  *has_people = n_people > 0;
  if (n_people > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant",
                                                          "%u participants", n_people),
                                             n_people));
  if (files->len > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file",
                                                          "%u files", files->len),
                                             files->len));
  if (n_links > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link",
                                                          "%u links", n_links),
                                             n_links));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator of "2 participants, 1 file" */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

/* "Phone call · Acquisition · 3 days ago"; a task's due date, overdue or
 * done; where it was recorded when elsewhere */
static char *
dup_subtitle (KontorActivitiesSection *self,
              KontorActivity          *activity)
{
  KontorActivityKind kind = kontor_activity_get_kind (activity);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *elsewhere = dup_elsewhere (self, activity);

  if (kontor_activity_get_subject (activity) != NULL)
    g_ptr_array_add (parts, g_strdup (kontor_activity_kind_to_string (kind)));
  g_ptr_array_add (parts, g_strdup (kontor_activity_topic_to_string (
                                      kontor_activity_get_topic (activity))));

  if (kind == KONTOR_ACTIVITY_KIND_TASK && kontor_activity_get_done (activity))
    {
      g_autofree char *ago = kontor_format_ago (kontor_activity_get_done_at (activity));

      /* Translators: when a task was ticked off, "done 3 days ago" */
      g_ptr_array_add (parts, g_strdup_printf (_("done %s"), ago));
    }
  else if (kind == KONTOR_ACTIVITY_KIND_TASK && kontor_activity_get_due_on (activity) != NULL)
    {
      g_autofree char *today = kontor_format_dup_today ();
      g_autofree char *due = kontor_format_iso_date (kontor_activity_get_due_on (activity));

      if (strcmp (kontor_activity_get_due_on (activity), today) < 0)
        /* Translators: a task's due date that passed, "overdue since 01.12.2026" */
        g_ptr_array_add (parts, g_strdup_printf (_("overdue since %s"), due));
      else
        /* Translators: a task's due date, "due 12.12.2026" */
        g_ptr_array_add (parts, g_strdup_printf (_("due %s"), due));
    }
  else if (kind != KONTOR_ACTIVITY_KIND_TASK)
    {
      g_autofree char *ago = kontor_format_ago (kontor_activity_get_starts_at (activity));

      if (!kontor_activity_get_done (activity))
        /* Translators: a meeting or lunch planned, "planned in 3 days" */
        g_ptr_array_add (parts, g_strdup_printf (_("planned %s"), ago));
      else
        g_ptr_array_add (parts, g_steal_pointer (&ago));
    }

  if (KONTOR_IS_CONTACT (self->owner) && took_part (self, activity))
    /* Translators: in a contact's timeline, an activity the contact was a participant of */
    g_ptr_array_add (parts, g_strdup (_("took part")));
  if (elsewhere != NULL)
    /* Translators: where an activity shown with the affiliation was recorded */
    g_ptr_array_add (parts, g_strdup_printf (_("at %s"), elsewhere));
  if (kontor_activity_get_automatic (activity))
    g_ptr_array_add (parts, g_strdup (_("recorded automatically")));

  g_ptr_array_add (parts, NULL);

  /* Translators: the separator of the parts of an activity's line */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
open_dialog (KontorActivitiesSection *self,
             KontorActivity          *activity)
{
  KontorActivityDialog *dialog = kontor_activity_dialog_new (GTK_WIDGET (self), self->context,
                                                             activity);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_row_activated_cb (KontorActivitiesSection *self,
                     GtkListBoxRow           *row,
                     GtkListBox              *list)
{
  KontorActivity *activity = g_object_get_data (G_OBJECT (row), "kontor-activity");

  if (activity != NULL)
    open_dialog (self, activity);
  else if (g_object_get_data (G_OBJECT (row), "kontor-show-all") != NULL)
    {
      self->show_all = TRUE;
      reload (self);
    }
}

/* Ticks a task off, or opens it again, as one undoable change */
static void
on_done_toggled_cb (GtkCheckButton *check,
                    gpointer        user_data)
{
  KontorActivitiesSection *self = user_data;
  KontorActivity *activity = g_object_get_data (G_OBJECT (check), "kontor-activity");
  gboolean done = gtk_check_button_get_active (check);
  g_autoptr(KontorRecord) edited = NULL;
  g_autoptr(KontorFieldChange) change = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (activity == NULL || done == kontor_activity_get_done (activity))
    return;

  edited = kontor_record_copy (KONTOR_RECORD (activity));
  kontor_activity_complete (KONTOR_ACTIVITY (edited), done, g_get_real_time () / G_USEC_PER_SEC);
  name = kontor_record_dup_display_name (KONTOR_RECORD (activity));
  title = done
          /* Translators: the toast after a task was ticked off; its subject */
          ? g_strdup_printf (_("“%s” done"), name)
          /* Translators: the toast after a task was opened again; its subject */
          : g_strdup_printf (_("“%s” open again"), name);
  change = kontor_field_change_new_edit (get_store (self), KONTOR_RECORD (activity), edited,
                                         title);
  if (!kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (change)))
    gtk_check_button_set_active (check, !done);
}

static GtkWidget *
new_row (KontorActivitiesSection *self,
         KontorActivity          *activity)
{
  KontorActivityKind kind = kontor_activity_get_kind (activity);
  g_autofree char *title = kontor_record_dup_display_name (KONTOR_RECORD (activity));
  g_autofree char *subtitle = dup_subtitle (self, activity);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *prefix;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (kind == KONTOR_ACTIVITY_KIND_TASK)
    {
      g_autofree char *label = NULL;

      prefix = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (prefix), kontor_activity_get_done (activity));
      gtk_widget_set_sensitive (prefix, kontor_context_can_edit (self->context));
      /* Translators: the check button of a task in the timeline; its subject */
      label = g_strdup_printf (_("Done: %s"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (prefix), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data_full (G_OBJECT (prefix), "kontor-activity", g_object_ref (activity),
                              g_object_unref);
      g_signal_connect (prefix, "toggled", G_CALLBACK (on_done_toggled_cb), self);
      g_object_set_data (G_OBJECT (row), "kontor-check", prefix);
    }
  else
    {
      prefix = gtk_image_new_from_icon_name (kontor_activity_kind_icon_name (kind));
      gtk_accessible_update_property (GTK_ACCESSIBLE (prefix), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kontor_activity_kind_to_string (kind), -1);
      gtk_widget_add_css_class (prefix, "kontor-activity-kind");
    }
  gtk_widget_set_valign (prefix, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);
  {
    gboolean has_files, has_people;
    g_autofree char *extras = kontor_activity_dup_hint (activity, &has_files, &has_people);

    if (has_people)
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("system-users-symbolic"));
    if (has_files)
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
    if (extras != NULL)
      {
        gtk_widget_set_tooltip_text (row, extras);
        gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, extras, -1);
      }
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  if (kind == KONTOR_ACTIVITY_KIND_TASK && !kontor_activity_get_done (activity) &&
      kontor_activity_get_due_on (activity) != NULL)
    {
      g_autofree char *today = kontor_format_dup_today ();

      if (strcmp (kontor_activity_get_due_on (activity), today) < 0)
        gtk_widget_add_css_class (row, "kontor-overdue");
    }
  g_object_set_data_full (G_OBJECT (row), "kontor-activity", g_object_ref (activity),
                          g_object_unref);

  return row;
}

static GtkWidget *
new_text_row (const char *title,
              const char *data_key)
{
  GtkWidget *row = kontor_ui_new_text_row (title, NULL);

  if (data_key != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), data_key, GINT_TO_POINTER (TRUE));
    }

  return row;
}

static void
clear_rows (KontorActivitiesSection *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->n_rows = 0;
}

static void
add_row (KontorActivitiesSection *self,
         GtkWidget               *row)
{
  gtk_list_box_append (self->list, row);
  g_ptr_array_add (self->rows, row);
}

/* Whether one of the rows a reload replaces has the focus: @position is
 * its place, @id the id of its activity (%NULL for "No activities yet"
 * or "Show All"), @on_check whether it was the task's check button */
static gboolean
find_focused_row (KontorActivitiesSection  *self,
                  char                    **id,
                  gboolean                 *on_check,
                  guint                    *position)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      KontorActivity *activity = g_object_get_data (G_OBJECT (row), "kontor-activity");

      if (focus == row || gtk_widget_is_ancestor (focus, row))
        {
          *id = activity != NULL ? g_strdup (id_of (activity)) : NULL;
          *on_check = GTK_IS_CHECK_BUTTON (focus);
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Back to the row of @id after a reload, so that the keys go on where
 * they were (Ctrl+Z after ticking a task off undoes it, instead of
 * landing in the quick row's text); without @id, or when it went, the
 * row now in its place. Every reload replaces every row, a row put in
 * place of another's focus by the reload before too: a change announced
 * right after a delete (another process's commit, kontor-store-watch.c)
 * took the focus from "No activities yet" to the quick row's text, and
 * Ctrl+Z undid the typing there instead of the delete. */
static void
refocus (KontorActivitiesSection *self,
         const char              *id,
         gboolean                 on_check,
         guint                    position)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      KontorActivity *activity = g_object_get_data (G_OBJECT (row), "kontor-activity");
      GtkWidget *prefix;

      if (id == NULL || activity == NULL || g_strcmp0 (id_of (activity), id) != 0)
        continue;
      prefix = g_object_get_data (G_OBJECT (row), "kontor-check");
      gtk_widget_grab_focus (on_check && prefix != NULL ? prefix : row);
      return;
    }

  /* it went (deleted, undone): the row now in its place */
  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, MIN (position, self->rows->len - 1)));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *name_a = kontor_record_dup_display_name (*(KontorRecord **) a);
  g_autofree char *name_b = kontor_record_dup_display_name (*(KontorRecord **) b);

  return g_utf8_collate (name_a, name_b);
}

static void
add_person (KontorActivitiesSection *self,
            GHashTable              *seen,
            GPtrArray               *people,
            const char              *id)
{
  KontorRecord *contact;

  if (id == NULL || g_strcmp0 (id, id_of (self->owner)) == 0 || g_hash_table_contains (seen, id))
    return;
  g_hash_table_add (seen, g_strdup (id));
  contact = kontor_store_load (get_store (self), KONTOR_TYPE_CONTACT, id, NULL);
  if (contact != NULL)
    g_ptr_array_add (people, contact);
}

/* whether @drop_down lists @people already */
static gboolean
same_people (GtkDropDown *drop_down,
             GPtrArray   *people)
{
  GPtrArray *ids = g_object_get_data (G_OBJECT (drop_down), "kontor-person-ids");
  GListModel *names = gtk_drop_down_get_model (drop_down);

  if (ids == NULL || ids->len != people->len + 1 || !GTK_IS_STRING_LIST (names))
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    {
      KontorRecord *person = g_ptr_array_index (people, i);
      g_autofree char *name = kontor_record_dup_display_name (person);

      /* a renamed one too */
      if (g_strcmp0 (g_ptr_array_index (ids, i + 1), kontor_record_get_id (person)) != 0 ||
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i + 1), name) != 0)
        return FALSE;
    }

  return TRUE;
}

/* The contacts taking part (feature A6): those the timeline's activities
 * were recorded on (a company's contacts, with the affiliation) and their
 * participants, besides the owner; a timeline is one record's, a few
 * hundred activities at most, so a drop-down rather than a search. The
 * one chosen stays listed, to be seen and put back to all. */
static void
fill_contacts (KontorActivitiesSection *self,
               GPtrArray               *activities)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  const char *participant = kontor_filter_get_activity_participant_id (self->filter);

  for (guint i = 0; i < activities->len; i++)
    {
      KontorActivity *activity = g_ptr_array_index (activities, i);
      g_auto(GStrv) ids = kontor_activity_dup_participant_contact_ids (activity);

      add_person (self, seen, people, kontor_activity_get_contact_id (activity));
      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        add_person (self, seen, people, ids[j]);
    }
  add_person (self, seen, people, participant);
  g_ptr_array_sort (people, compare_names);

  g_signal_handlers_block_by_func (self->filter_contact, on_contact_changed_cb, self);
  if (!same_people (self->filter_contact, people))
    fill_people (self->filter_contact, _("All Contacts"), people);
  kontor_colleague_drop_down_set_id (self->filter_contact, participant);
  g_signal_handlers_unblock_by_func (self->filter_contact, on_contact_changed_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_contact), people->len > 0);
}

static void
reload (KontorActivitiesSection *self)
{
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unfiltered = NULL;
  g_autofree char *focused = NULL;
  gboolean had_focus;
  const char *participant;
  KontorActivityListFlags flags = KONTOR_ACTIVITY_LIST_OWN;
  gboolean on_check = FALSE;
  guint position = 0;
  guint shown;
  guint kinds;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  had_focus = find_focused_row (self, &focused, &on_check, &position);
  clear_rows (self);

  if (self->owner == NULL || id_of (self->owner) == NULL)
    return;

  if (gtk_switch_get_active (self->affiliation_switch))
    flags |= KONTOR_ACTIVITY_LIST_AFFILIATED;
  if (gtk_toggle_button_get_active (self->filter_open))
    flags |= KONTOR_ACTIVITY_LIST_OPEN_TASKS;
  kinds = kontor_activity_kinds_from_drop_down (self->filter_kind);
  participant = kontor_filter_get_activity_participant_id (self->filter);
  activities = kontor_store_list_timeline_with (get_store (self), self->owner, flags, kinds,
                                                participant, &error);
  /* the contacts to choose from: those of the timeline unfiltered */
  if (activities != NULL)
    unfiltered = participant == NULL
                 ? g_ptr_array_ref (activities)
                 : kontor_store_list_timeline (get_store (self), self->owner, flags, kinds,
                                               &error);
  if (activities == NULL || unfiltered == NULL)
    {
      g_warning ("Could not list the activities: %s", error->message);
      return;
    }
  fill_contacts (self, unfiltered);

  shown = self->show_all ? activities->len : MIN (activities->len, FIRST_ROWS);
  for (guint i = 0; i < shown; i++)
    {
      add_row (self, new_row (self, g_ptr_array_index (activities, i)));
      self->n_rows++;
    }

  if (activities->len == 0)
    add_row (self, new_text_row (_("No activities yet"), NULL));
  else if (shown < activities->len)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("Show All %u Activity",
                                                         "Show All %u Activities",
                                                         activities->len),
                                               activities->len);

      add_row (self, new_text_row (more, "kontor-show-all"));
    }

  if (had_focus)
    refocus (self, focused, on_check, position);
}

static gboolean
reload_idle_cb (gpointer data)
{
  KontorActivitiesSection *self = data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* an activity's write notes its contact too: one reload for both */
static void
on_store_changed_cb (KontorActivitiesSection *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

/* the affiliation switched, or a filter changed */
static void
on_affiliation_changed_cb (KontorActivitiesSection *self)
{
  reload (self);
}

/* one participant, a colleague or a contact (the filter's rule): each
 * drop-down shows it or "All" */
static void
on_participant_changed_cb (KontorActivitiesSection *self)
{
  const char *id = kontor_filter_get_activity_participant_id (self->filter);

  g_signal_handlers_block_by_func (self->filter_colleague, on_colleague_changed_cb, self);
  kontor_colleague_drop_down_set_id (self->filter_colleague, id);
  g_signal_handlers_unblock_by_func (self->filter_colleague, on_colleague_changed_cb, self);
  /* not within the drop-down's own choosing, whose list fill_contacts()
   * may replace */
  on_store_changed_cb (self);
}

static void
on_colleague_changed_cb (KontorActivitiesSection *self)
{
  kontor_filter_set_activity_participant_id (
    self->filter, kontor_colleague_drop_down_get_id (self->filter_colleague));
}

static void
on_contact_changed_cb (KontorActivitiesSection *self)
{
  kontor_filter_set_activity_participant_id (
    self->filter, kontor_colleague_drop_down_get_id (self->filter_contact));
}

static KontorActivity *
new_activity (KontorActivitiesSection *self,
              KontorActivityKind       kind)
{
  KontorActivity *activity = kontor_activity_new (kind, self->owner);
  const KontorActivityTopic *topics;
  guint n_topics;
  guint topic = gtk_drop_down_get_selected (self->quick_topic);

  topics = kontor_activity_topics_for_place (kontor_activity_get_place (activity), &n_topics);
  if (topic < n_topics)
    kontor_activity_set_topic (activity, topics[topic]);
  if (kind != KONTOR_ACTIVITY_KIND_TASK)
    kontor_activity_set_starts_at (activity, g_get_real_time () / G_USEC_PER_SEC);

  return activity;
}

/* Enter in the quick row: the text is a note's or a call's subject, now */
static void
on_quick_activated_cb (KontorActivitiesSection *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->quick_row));
  guint kind = gtk_drop_down_get_selected (self->quick_kind);
  g_autoptr(KontorActivity) activity = NULL;
  g_autoptr(KontorRecordWrite) write = NULL;
  g_autofree char *title = NULL;

  if (kontor_text_is_blank (text) || self->owner == NULL ||
      kind >= G_N_ELEMENTS (quick_kinds))
    return;

  activity = new_activity (self, quick_kinds[kind]);
  kontor_activity_set_subject (activity, text);
  title = g_strdup_printf (_("“%s” recorded"), kontor_activity_get_subject (activity));
  write = kontor_record_write_new_create (get_store (self), KONTOR_RECORD (activity), title);
  if (kontor_ui_run_operation (GTK_WIDGET (self), self->context, KONTOR_OPERATION (write)))
    gtk_editable_set_text (GTK_EDITABLE (self->quick_row), "");
}

/**
 * kontor_activities_section_record_new:
 * @self: a section showing a stored record
 *
 * Opens the dialog for a new activity (Shift+Ctrl+A), with the kind and
 * topic of the quick row and what is typed there as its subject.
 *
 * Returns: (transfer none) (nullable): the dialog, %NULL without a
 *   record or when the user may not edit
 */
GtkWidget *
kontor_activities_section_record_new (KontorActivitiesSection *self)
{
  g_autoptr(KontorActivity) activity = NULL;
  KontorActivityDialog *dialog;
  const char *text;
  guint kind;

  g_return_val_if_fail (KONTOR_IS_ACTIVITIES_SECTION (self), NULL);

  if (self->owner == NULL || id_of (self->owner) == NULL ||
      !kontor_context_can_edit (self->context))
    return NULL;

  kind = gtk_drop_down_get_selected (self->quick_kind);
  activity = new_activity (self, kind < G_N_ELEMENTS (quick_kinds) ? quick_kinds[kind]
                                                                    : KONTOR_ACTIVITY_KIND_NOTE);
  text = gtk_editable_get_text (GTK_EDITABLE (self->quick_row));
  if (!kontor_text_is_blank (text))
    kontor_activity_set_subject (activity, text);
  gtk_editable_set_text (GTK_EDITABLE (self->quick_row), "");

  dialog = kontor_activity_dialog_new (GTK_WIDGET (self), self->context, activity);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WIDGET (dialog);
}

static void
on_new_clicked_cb (KontorActivitiesSection *self)
{
  kontor_activities_section_record_new (self);
}

static void
kontor_activities_section_dispose (GObject *object)
{
  KontorActivitiesSection *self = KONTOR_ACTIVITIES_SECTION (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->owner);
  g_clear_object (&self->context);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kontor_activities_section_parent_class)->dispose (object);
}

static void
kontor_activities_section_class_init (KontorActivitiesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_activities_section_dispose;
}

static GtkDropDown *
new_drop_down (GtkStringList *strings,
               const char    *accessible_name)
{
  /* the drop-down takes the model */
  GtkDropDown *drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)),
                                                             NULL));

  gtk_widget_set_valign (GTK_WIDGET (drop_down), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (drop_down), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  kontor_accessible_label_drop_down (drop_down);

  return drop_down;
}

/**
 * kontor_activity_kinds_model_new:
 *
 * Returns: (transfer full): "All Types", then each kind of activity by
 *   its name: the kind filter of the timeline and of the list of all
 *   activities (feature A6)
 */
GListModel *
kontor_activity_kinds_model_new (void)
{
  GtkStringList *kinds = gtk_string_list_new (NULL);

  gtk_string_list_append (kinds, _("All Types"));
  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    gtk_string_list_append (kinds, kontor_activity_kind_to_string (kind));

  return G_LIST_MODEL (kinds);
}

/**
 * kontor_activity_kinds_from_drop_down:
 * @drop_down: a drop-down of kontor_activity_kinds_model_new()
 *
 * Returns: the mask of the kind chosen (1 << kind), 0 for every kind
 */
guint
kontor_activity_kinds_from_drop_down (GtkDropDown *drop_down)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  /* the first item is every kind */
  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? 0 : 1u << (selected - 1);
}

/**
 * kontor_colleague_drop_down_new:
 *
 * A drop-down of "All Colleagues" and each colleague, to show the
 * activities one of them took part in (feature A4, A6): the timeline's
 * and the list of all activities'.
 *
 * Returns: (transfer full): the drop-down, empty until filled
 */
GtkDropDown *
kontor_colleague_drop_down_new (void)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkDropDown *drop_down = new_drop_down (names, _("Colleague Taking Part"));

  gtk_widget_set_tooltip_text (GTK_WIDGET (drop_down), _("Colleague Taking Part"));

  return drop_down;
}

/* A drop-down of "All …" and each of @people (KontorRecord), their ids
 * beside; the one chosen is kept when still there */
static void
fill_people (GtkDropDown *drop_down,
             const char  *all,
             GPtrArray   *people)
{
  g_autofree char *chosen = g_strdup (kontor_colleague_drop_down_get_id (drop_down));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  gtk_string_list_append (names, all);
  g_ptr_array_add (ids, NULL);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      KontorRecord *person = g_ptr_array_index (people, i);
      g_autofree char *name = kontor_record_dup_display_name (person);

      if (g_strcmp0 (kontor_record_get_id (person), chosen) == 0)
        selected = ids->len;
      gtk_string_list_append (names, name);
      g_ptr_array_add (ids, g_strdup (kontor_record_get_id (person)));
    }

  g_object_set_data_full (G_OBJECT (drop_down), "kontor-person-ids", ids,
                          (GDestroyNotify) g_ptr_array_unref);
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (drop_down, selected);
}

/**
 * kontor_colleague_drop_down_fill:
 * @drop_down: a drop-down of kontor_colleague_drop_down_new()
 * @store: the store
 *
 * Lists the store's colleagues, keeping the one chosen when still there.
 */
void
kontor_colleague_drop_down_fill (GtkDropDown *drop_down,
                                 KontorStore *store)
{
  g_autoptr(GPtrArray) users = kontor_store_list_users (store, NULL);

  fill_people (drop_down, _("All Colleagues"), users);
}

/**
 * kontor_colleague_drop_down_get_id:
 * @drop_down: a drop-down of kontor_colleague_drop_down_new(), or the
 *   timeline's of the contacts taking part
 *
 * Returns: (nullable): the id of the person chosen, %NULL for all
 */
const char *
kontor_colleague_drop_down_get_id (GtkDropDown *drop_down)
{
  GPtrArray *ids = g_object_get_data (G_OBJECT (drop_down), "kontor-person-ids");
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (ids == NULL || selected >= ids->len)
    return NULL;

  return g_ptr_array_index (ids, selected);
}

/**
 * kontor_colleague_drop_down_set_id:
 * @drop_down: a drop-down of kontor_colleague_drop_down_new(), or the
 *   timeline's of the contacts taking part
 * @id: (nullable): a person's id
 *
 * Shows the filter's participant (kontor_filter_get_activity_participant_id()):
 * the person of @id when listed, else "All": the one participant is a
 * colleague or a contact, so the other drop-down shows "All".
 */
void
kontor_colleague_drop_down_set_id (GtkDropDown *drop_down,
                                   const char  *id)
{
  GPtrArray *ids = g_object_get_data (G_OBJECT (drop_down), "kontor-person-ids");
  guint selected = 0;

  for (guint i = 1; id != NULL && ids != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      selected = i;
  if (gtk_drop_down_get_selected (drop_down) != selected)
    gtk_drop_down_set_selected (drop_down, selected);
}

static void
kontor_activities_section_init (KontorActivitiesSection *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) topics = gtk_string_list_new (NULL);
  g_autoptr(GListModel) filter_kinds = NULL;
  g_autoptr(GtkStringList) no_contacts = gtk_string_list_new (NULL);
  const KontorActivityTopic *place_topics;
  guint n_topics;

  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Activities"));

  self->new_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (self->new_button, "flat");
  gtk_widget_set_valign (self->new_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->new_button, _("Record Activity (Shift+Ctrl+A)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Record Activity"), -1);
  g_signal_connect_object (self->new_button, "clicked", G_CALLBACK (on_new_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->new_button);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Activities"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);

  /* "Notiz / Anruf erfassen": type, choose, Enter */
  for (guint i = 0; i < G_N_ELEMENTS (quick_kinds); i++)
    gtk_string_list_append (kinds, kontor_activity_kind_to_string (quick_kinds[i]));
  place_topics = kontor_activity_topics_for_place (KONTOR_ACTIVITY_PLACE_CUSTOMER, &n_topics);
  for (guint i = 0; i < n_topics; i++)
    gtk_string_list_append (topics, kontor_activity_topic_to_string (place_topics[i]));
  self->quick_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quick_row),
                                 _("Record a Note or Call"));
  self->quick_kind = new_drop_down (kinds, _("Type"));
  self->quick_topic = new_drop_down (topics, _("Topic"));
  /* "Other" until the user chooses */
  gtk_drop_down_set_selected (self->quick_topic, n_topics - 1);
  adw_entry_row_add_suffix (self->quick_row, GTK_WIDGET (self->quick_kind));
  adw_entry_row_add_suffix (self->quick_row, GTK_WIDGET (self->quick_topic));
  g_signal_connect_object (self->quick_row, "entry-activated",
                           G_CALLBACK (on_quick_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->list, GTK_WIDGET (self->quick_row));

  self->affiliation_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->affiliation_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->affiliation_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->affiliation_row, GTK_WIDGET (self->affiliation_switch));
  adw_action_row_set_activatable_widget (self->affiliation_row,
                                         GTK_WIDGET (self->affiliation_switch));
  g_signal_connect_object (self->affiliation_switch, "notify::active",
                           G_CALLBACK (on_affiliation_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->list, GTK_WIDGET (self->affiliation_row));

  /* the timeline's filters (feature A6): one kind, the open tasks */
  filter_kinds = kontor_activity_kinds_model_new ();
  self->filter_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->filter_row), _("Show"));
  self->filter_kind = new_drop_down (GTK_STRING_LIST (filter_kinds), _("Type of Activity"));
  self->filter_open = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Open Tasks")));
  gtk_widget_set_valign (GTK_WIDGET (self->filter_open), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_open), _("Only Tasks Not Done Yet"));
  self->filter_colleague = kontor_colleague_drop_down_new ();
  adw_action_row_add_suffix (self->filter_row, GTK_WIDGET (self->filter_kind));
  self->filter_contact = new_drop_down (no_contacts, _("Contact Taking Part"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_contact), _("Contact Taking Part"));
  gtk_widget_set_visible (GTK_WIDGET (self->filter_contact), FALSE);
  self->filter = kontor_filter_new ();
  adw_action_row_add_suffix (self->filter_row, GTK_WIDGET (self->filter_colleague));
  adw_action_row_add_suffix (self->filter_row, GTK_WIDGET (self->filter_contact));
  adw_action_row_add_suffix (self->filter_row, GTK_WIDGET (self->filter_open));
  g_signal_connect_object (self->filter_kind, "notify::selected",
                           G_CALLBACK (on_affiliation_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_open, "toggled", G_CALLBACK (on_affiliation_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_colleague, "notify::selected",
                           G_CALLBACK (on_colleague_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_contact, "notify::selected",
                           G_CALLBACK (on_contact_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::activity-participant-id",
                           G_CALLBACK (on_participant_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->list, GTK_WIDGET (self->filter_row));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
}

/**
 * kontor_activities_section_set_owner:
 * @self: a section
 * @context: the context
 * @owner: (nullable): a contact or company, stored or not yet
 *
 * Shows the timeline of @owner. A record not stored yet has none, and the
 * section is hidden.
 */
void
kontor_activities_section_set_owner (KontorActivitiesSection *self,
                                     KontorContext           *context,
                                     KontorRecord            *owner)
{
  gboolean same;
  gboolean can_edit;
  const char *affiliation;

  g_return_if_fail (KONTOR_IS_ACTIVITIES_SECTION (self));
  g_return_if_fail (KONTOR_IS_CONTEXT (context));
  g_return_if_fail (owner == NULL || KONTOR_IS_CONTACT (owner) || KONTOR_IS_COMPANY (owner));

  if (self->context == NULL)
    {
      KontorStore *store = kontor_context_get_store (context);

      self->context = g_object_ref (context);
      /* an activity recorded, changed, undone, synced; a renamed record */
      g_signal_connect_object (store, "changed::activity", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::contact", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::company", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  same = self->owner != NULL && owner != NULL &&
         g_strcmp0 (id_of (self->owner), id_of (owner)) == 0;
  g_set_object (&self->owner, owner);
  /* the team's colleagues as they are now, the choice kept */
  g_signal_handlers_block_by_func (self->filter_colleague, on_colleague_changed_cb, self);
  kontor_colleague_drop_down_fill (self->filter_colleague, kontor_context_get_store (context));
  kontor_colleague_drop_down_set_id (self->filter_colleague,
                                     kontor_filter_get_activity_participant_id (self->filter));
  g_signal_handlers_unblock_by_func (self->filter_colleague, on_colleague_changed_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self), owner != NULL && id_of (owner) != NULL &&
                                             kontor_record_get_rowid (owner) != 0);

  can_edit = kontor_context_can_edit (context);
  gtk_widget_set_visible (GTK_WIDGET (self->quick_row), can_edit);
  gtk_widget_set_visible (self->new_button, can_edit);

  /* "Aktivitätszugehörigkeit": a contact's company, a company's contacts */
  affiliation = owner != NULL && KONTOR_IS_COMPANY (owner)
                ? _("Include Its Contacts’ Activities")
                : _("Include the Company’s Activities");
  /* the row names its switch (activatable-widget) */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->affiliation_row), affiliation);
  gtk_widget_set_visible (GTK_WIDGET (self->affiliation_row),
                          owner != NULL && (KONTOR_IS_COMPANY (owner) ||
                                            kontor_contact_get_company_id (
                                              KONTOR_CONTACT (owner)) != NULL));

  if (!same)
    {
      /* a contact taking part is one timeline's; a colleague stays */
      g_signal_handlers_block_by_func (self->filter, on_participant_changed_cb, self);
      if (kontor_colleague_drop_down_get_id (self->filter_colleague) == NULL)
        kontor_filter_set_activity_participant_id (self->filter, NULL);
      g_signal_handlers_unblock_by_func (self->filter, on_participant_changed_cb, self);
      self->show_all = FALSE;
      gtk_editable_set_text (GTK_EDITABLE (self->quick_row), "");
      reload (self);
    }
}

/**
 * kontor_activities_section_get_n_rows:
 * @self: a section
 *
 * Returns: how many activities it shows
 */
guint
kontor_activities_section_get_n_rows (KontorActivitiesSection *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITIES_SECTION (self), 0);

  return self->n_rows;
}

/**
 * kontor_activities_section_get_quick_row:
 * @self: a section
 *
 * Returns: (transfer none): the row that records a note or call by typing
 */
GtkWidget *
kontor_activities_section_get_quick_row (KontorActivitiesSection *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITIES_SECTION (self), NULL);

  return GTK_WIDGET (self->quick_row);
}
