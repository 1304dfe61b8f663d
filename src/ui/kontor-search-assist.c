/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-search-assist"

#include "config.h"

#include <glib/gi18n.h>

#include "kontor-group.h"
#include "kontor-pipeline-status.h"
#include "kontor-search-assist.h"
#include "kontor-search-query.h"
#include "kontor-store-search-query.h"
#include "kontor-user.h"

/* What a search entry says about its operators (feature X10,
 * src/README.md "Search"): the problems of the text under it, in a label
 * with the "error" style, and a completion popover of operators and
 * values. The popover never takes the focus: the entry keeps the typing
 * and its keys (Down, Up, Return, Escape) move through the offers, as
 * GtkEntryCompletion did. */

struct _KontorSearchAssist
{
  GObject         parent_instance;

  GtkSearchEntry *entry;           /* weak */
  GtkLabel       *problem_label;   /* weak */
  KontorStore    *store;
  GtkWidget      *popover;
  GtkListBox     *offers_box;
  guint           word_start;
  guint           cursor;          /* bytes, when the offers were made */
  guint           n_offers;
  gboolean        accepting;
};

G_DEFINE_FINAL_TYPE (KontorSearchAssist, kontor_search_assist, G_TYPE_OBJECT)

/* The names the operator before the cursor takes, from the store */
static GStrv
dup_values (KontorSearchAssist *self,
            const char         *word)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *key = NULL;
  const char *colon = strchr (word, ':');
  KontorSearchOperator op;

  if (colon == NULL)
    return g_strv_builder_end (builder);
  key = g_strndup (word, colon - word);
  if (!kontor_search_operator_from_name (key, &op))
    return g_strv_builder_end (builder);

  switch (op)
    {
    case KONTOR_SEARCH_OP_PIPELINE:
      records = kontor_store_list_pipeline_statuses (self->store, NULL);
      break;
    case KONTOR_SEARCH_OP_GROUP:
      records = kontor_store_list_groups (self->store, NULL);
      break;
    case KONTOR_SEARCH_OP_SALES:
      records = kontor_store_list_users (self->store, NULL);
      break;
    case KONTOR_SEARCH_OP_STATUS:
    case KONTOR_SEARCH_OP_DUE:
    case KONTOR_SEARCH_OP_COMPANY:
    case KONTOR_SEARCH_N_OPS:
    default:
      break;
    }

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      g_autofree char *name = kontor_record_dup_display_name (g_ptr_array_index (records, i));

      if (name != NULL && name[0] != '\0')
        g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

static gboolean
german_ui (void)
{
  /* Translators: "de" in the German translation: operators and values are
   * offered in this language first. Write "en" for an English one. */
  return g_str_equal (C_("search operators", "en"), "de");
}

/* Offers only while the entry is typed in (setting its text from a
 * group or a test pops nothing up) */
static gboolean
entry_has_focus (KontorSearchAssist *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->entry));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->entry) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)));
}

static void
update_offers (KontorSearchAssist *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->entry);
  const char *text = gtk_editable_get_text (editable);
  int position = gtk_editable_get_position (editable);
  g_autofree char *upto = NULL;
  g_auto(GStrv) values = NULL;
  g_auto(GStrv) offers = NULL;
  const char *cursor;
  guint start;
  guint n = 0;
  GtkWidget *child;

  cursor = g_utf8_offset_to_pointer (text, position);
  upto = g_strndup (text, cursor - text);
  {
    /* the word being typed, for the values its operator takes */
    const char *word = strrchr (upto, ' ');

    values = dup_values (self, word != NULL ? word + 1 : upto);
  }
  offers = kontor_search_complete (text, cursor - text, (const char * const *) values,
                                   german_ui (), &start);
  self->word_start = start;
  self->cursor = cursor - text;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->offers_box))) != NULL)
    gtk_list_box_remove (self->offers_box, child);
  for (guint i = 0; offers[i] != NULL && i < 12; i++)
    {
      GtkWidget *label = gtk_label_new (offers[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_append (self->offers_box, label);
      n++;
    }
  self->n_offers = n;

  if (n == 0 || !entry_has_focus (self))
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }
  gtk_list_box_select_row (self->offers_box, NULL);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
update_problems (KontorSearchAssist *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(KontorSearchQuery) query = kontor_search_query_parse (text);
  g_autoptr(GString) messages = g_string_new (NULL);

  if (query->terms->len > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(KontorFilter) filter = kontor_filter_new ();
      g_autoptr(KontorFilter) applied = NULL;

      /* for the names that name nothing or several */
      kontor_filter_set_search_text (filter, text);
      applied = kontor_store_apply_search_query (self->store, filter, query, now, NULL);
    }

  for (guint i = 0; i < query->problems->len; i++)
    {
      KontorSearchProblem *problem = g_ptr_array_index (query->problems, i);

      /* a value still being typed is no problem yet: "status:" and
       * "status:ku" while completion offers "status:kunde" */
      if (problem->kind == KONTOR_SEARCH_PROBLEM_MISSING_VALUE ||
          problem->kind == KONTOR_SEARCH_PROBLEM_UNCLOSED_QUOTE ||
          (problem->end == self->cursor && self->n_offers > 0))
        continue;
      g_string_append_printf (messages, "%s%s", messages->len > 0 ? "\n" : "",
                              problem->message);
    }

  gtk_label_set_text (self->problem_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), messages->len > 0);
  if (messages->len > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, messages->str, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->entry),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* The offer replaces the word being typed; an operator ("status:") waits
 * for its value, a value ends with a blank */
static void
accept (KontorSearchAssist *self,
        GtkListBoxRow      *row)
{
  GtkEditable *editable = GTK_EDITABLE (self->entry);
  const char *text = gtk_editable_get_text (editable);
  const char *offer = gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row)));
  int position = gtk_editable_get_position (editable);
  int start = g_utf8_pointer_to_offset (text, text + self->word_start);
  gboolean operator_only = g_str_has_suffix (offer, ":");
  g_autofree char *inserted = g_strconcat (offer, operator_only ? "" : " ", NULL);
  int at = start;

  self->accepting = TRUE;
  gtk_editable_delete_text (editable, start, position);
  gtk_editable_insert_text (editable, inserted, -1, &at);
  gtk_editable_set_position (editable, at);
  self->accepting = FALSE;

  if (operator_only)
    update_offers (self);
  else
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
move_selection (KontorSearchAssist *self,
                int                 step)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->offers_box);
  int n = 0;
  int index;
  GtkListBoxRow *row;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->offers_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  if (n == 0)
    return;
  index = selected != NULL ? gtk_list_box_row_get_index (selected) + step : (step > 0 ? 0 : n - 1);
  index = CLAMP (index, 0, n - 1);
  row = gtk_list_box_get_row_at_index (self->offers_box, index);
  gtk_list_box_select_row (self->offers_box, row);
}

static gboolean
on_key_pressed_cb (KontorSearchAssist    *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  GtkListBoxRow *selected;

  if (!gtk_widget_get_visible (self->popover))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_Tab:
      selected = gtk_list_box_get_selected_row (self->offers_box);
      if (selected == NULL)
        return GDK_EVENT_PROPAGATE;
      accept (self, selected);
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
on_entry_changed_cb (KontorSearchAssist *self)
{
  if (self->accepting)
    return;
  update_offers (self);
  update_problems (self);
}

/* A typed character moves the cursor after "changed": the offers are
 * for the word up to where the cursor is now ("status:" offers the
 * values, not the operator again) */
static void
on_cursor_moved_cb (KontorSearchAssist *self)
{
  if (self->accepting)
    return;
  update_offers (self);
}

static void
on_row_activated_cb (KontorSearchAssist *self,
                     GtkListBoxRow      *row)
{
  accept (self, row);
}

static void
kontor_search_assist_dispose (GObject *object)
{
  KontorSearchAssist *self = KONTOR_SEARCH_ASSIST (object);

  if (self->popover != NULL)
    gtk_widget_unparent (self->popover);
  self->popover = NULL;
  g_clear_weak_pointer (&self->entry);
  g_clear_weak_pointer (&self->problem_label);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kontor_search_assist_parent_class)->dispose (object);
}

static void
kontor_search_assist_class_init (KontorSearchAssistClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kontor_search_assist_dispose;
}

static void
kontor_search_assist_init (KontorSearchAssist *self)
{
}

/**
 * kontor_search_assist_new:
 * @entry: the search entry
 * @problem_label: a label under it for the text's problems, hidden until
 *   there are some
 * @store: where the names of pipeline statuses, users and groups come from
 *
 * Returns: (transfer full): the assist; keep it as long as @entry
 */
KontorSearchAssist *
kontor_search_assist_new (GtkSearchEntry *entry,
                          GtkLabel       *problem_label,
                          KontorStore    *store)
{
  KontorSearchAssist *self;
  GtkEventController *keys;

  g_return_val_if_fail (GTK_IS_SEARCH_ENTRY (entry), NULL);
  g_return_val_if_fail (GTK_IS_LABEL (problem_label), NULL);
  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);

  self = g_object_new (KONTOR_TYPE_SEARCH_ASSIST, NULL);
  g_set_weak_pointer (&self->entry, entry);
  g_set_weak_pointer (&self->problem_label, problem_label);
  self->store = g_object_ref (store);

  self->offers_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->offers_box, GTK_SELECTION_SINGLE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->offers_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Suggestions"), -1);
  g_signal_connect_object (self->offers_box, "row-activated",
                           G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);

  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_can_focus (self->popover, FALSE);
  gtk_popover_set_child (GTK_POPOVER (self->popover), GTK_WIDGET (self->offers_box));
  gtk_widget_set_parent (self->popover, GTK_WIDGET (entry));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "notify::cursor-position", G_CALLBACK (on_cursor_moved_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (GTK_WIDGET (problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (problem_label), FALSE);

  return self;
}

/**
 * kontor_search_assist_get_popover:
 * @self: an assist
 *
 * Returns: (transfer none): the completion popover, for tests
 */
GtkWidget *
kontor_search_assist_get_popover (KontorSearchAssist *self)
{
  g_return_val_if_fail (KONTOR_IS_SEARCH_ASSIST (self), NULL);

  return self->popover;
}
