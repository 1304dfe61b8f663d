/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-sync-indicator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-conflicts-window.h"
#include "kontor-format.h"
#include "kontor-preferences-window.h"
#include "kontor-record.h"
#include "kontor-record-json.h"
#include "kontor-store-blob-sync.h"
#include "kontor-store-sync.h"
#include "kontor-sync-entity.h"
#include "kontor-sync-indicator.h"
#include "kontor-ui-utils.h"

/* Records listed in the popover, each list: the count says the rest */
#define LIST_LIMIT 8

/**
 * KontorSyncIndicator:
 *
 * The team sync's state in the header (feature S3, src/README.md
 * "Syncing in the background"): an icon whose tooltip and accessible
 * name say the state (synchronised, syncing, offline with the changes
 * waiting, error, signed out), and a popover with the details: the last
 * sync, why it failed, the records with changes still to be sent, the
 * changes the server refused with its reason, "Synchronise Now" and,
 * signed out, "Sign In…", which opens Preferences on the team server.
 * Hidden while Kontor works alone.
 */
struct _KontorSyncIndicator
{
  GtkWidget          parent_instance;

  KontorContext     *context;
  KontorSyncService *sync;

  GtkMenuButton     *button;
  GtkWidget         *popover;
  GtkLabel          *state_label;
  GtkLabel          *detail_label;
  GtkLabel          *pending_label;
  GtkListBox        *pending_list;
  GtkLabel          *rejected_label;
  GtkListBox        *rejected_list;
  GtkLabel          *files_label;
  GtkListBox        *files_list;
  GHashTable        *file_problems;   /* sha256 -> the engine's words, this window's */
  GtkButton         *sync_button;
  GtkButton         *sign_in_button;
  GtkButton         *conflicts_button;
};

G_DEFINE_FINAL_TYPE (KontorSyncIndicator, kontor_sync_indicator, GTK_TYPE_WIDGET)

static const char *
state_icon (KontorSyncState state)
{
  switch (state)
    {
    case KONTOR_SYNC_STATE_SYNCHRONISED:
      return "emblem-ok-symbolic";
    case KONTOR_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case KONTOR_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case KONTOR_SYNC_STATE_SIGNED_OUT:
      return "avatar-default-symbolic";
    case KONTOR_SYNC_STATE_ERROR:
    case KONTOR_SYNC_STATE_OFF:
    default:
      return "dialog-warning-symbolic";
    }
}

/* The state in words, with the changes waiting where it matters */
static char *
dup_state_text (KontorSyncState state,
                gint64          pending)
{
  int n = (int) MIN (pending, G_MAXINT);

  switch (state)
    {
    case KONTOR_SYNC_STATE_SYNCHRONISED:
      return g_strdup (_("Synchronised"));
    case KONTOR_SYNC_STATE_SYNCING:
      return g_strdup (_("Synchronising…"));
    case KONTOR_SYNC_STATE_OFFLINE:
      if (pending == 0)
        return g_strdup (_("Offline"));
      return g_strdup_printf (ngettext ("Offline, %d change waiting",
                                        "Offline, %d changes waiting", (gulong) n), n);
    case KONTOR_SYNC_STATE_SIGNED_OUT:
      return g_strdup (_("Signed out of the team server"));
    case KONTOR_SYNC_STATE_ERROR:
      return g_strdup (_("Synchronising failed"));
    case KONTOR_SYNC_STATE_OFF:
    default:
      return g_strdup (_("Not connected to a team server"));
    }
}

/* A changed record's name: as stored, or as the change wrote it (a
 * refused creation is rolled back, and the record gone), or what it is */
static char *
dup_record_name (KontorSyncIndicator *self,
                 const char          *entity,
                 const char          *entity_id,
                 const char          *fields_json)
{
  const KontorSyncEntity *info = kontor_sync_entity_lookup (entity);
  GType type = info != NULL ? kontor_sync_entity_get_record_type (info) : G_TYPE_INVALID;
  g_autoptr(KontorRecord) record = NULL;

  if (type != G_TYPE_INVALID)
    record = kontor_store_load (kontor_context_get_store (self->context), type, entity_id, NULL);
  if (record == NULL && type != G_TYPE_INVALID && fields_json != NULL)
    {
      record = g_object_new (type, NULL);
      if (!kontor_record_update_from_json_string (record, fields_json, NULL))
        g_clear_object (&record);
    }
  if (record != NULL)
    {
      g_autofree char *name = kontor_record_dup_display_name (record);

      if (name != NULL && *name != '\0')
        return g_steal_pointer (&name);
    }

  return g_strdup (_("A deleted or unnamed record"));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A file and why it was not sent: the reason wraps (it can be long, with
 * a folder in it) rather than widen the popover over the window */
static GtkWidget *
new_file_problem_row (const char *name,
                      const char *message)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *reason = gtk_label_new (message);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (reason), 50);
  gtk_label_set_width_chars (GTK_LABEL (reason), 40);
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_widget_add_css_class (reason, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);

  return row;
}

/* The attached files that could not be sent and still wait: a file sent
 * since, or no longer attached, is no problem any more */
static void
fill_file_problems (KontorSyncIndicator *self)
{
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(GPtrArray) waiting = kontor_store_list_blobs_to_upload (store, NULL);
  g_autoptr(GHashTable) still = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer sha256, message;
  guint n = 0;

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    g_hash_table_add (still, ((KontorBlobRef *) g_ptr_array_index (waiting, i))->sha256);

  clear_list (self->files_list);
  g_hash_table_iter_init (&iter, self->file_problems);
  while (g_hash_table_iter_next (&iter, &sha256, &message))
    {
      g_autofree char *name = NULL;

      if (waiting != NULL && !g_hash_table_contains (still, sha256))
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      name = kontor_store_dup_attachment_name (store, sha256);
      if (n++ < LIST_LIMIT)
        gtk_list_box_append (self->files_list,
                             new_file_problem_row (name != NULL ? name : _("Attached file"),
                                                   message));
    }
  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u file not sent to the team server",
                                                         "%u files not sent to the team server",
                                                         n), n);

      gtk_label_set_text (self->files_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->files_label), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->files_list), n > 0);
}

/* The records waiting and the refused changes, read when the popover opens */
static void
fill_lists (KontorSyncIndicator *self)
{
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(GPtrArray) pending = kontor_store_sync_list_pending (store, LIST_LIMIT, NULL);
  g_autoptr(GPtrArray) rejected = kontor_store_sync_list_rejected (store, NULL);
  gint64 count = kontor_sync_service_get_pending (self->sync);

  clear_list (self->pending_list);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      KontorSyncPending *entry = g_ptr_array_index (pending, i);
      g_autofree char *name = dup_record_name (self, entry->entity, entry->entity_id, NULL);
      int n = (int) MIN (entry->changes, G_MAXINT);
      g_autofree char *changes = g_strdup_printf (ngettext ("%d change", "%d changes", (gulong) n),
                                                  n);

      gtk_list_box_append (self->pending_list, kontor_ui_new_text_row (name, changes));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pending_list), pending != NULL && pending->len > 0);
  if (count > 0)
    {
      int n = (int) MIN (count, G_MAXINT);
      g_autofree char *text = g_strdup_printf (ngettext ("%d change waiting to be sent",
                                                         "%d changes waiting to be sent",
                                                         (gulong) n), n);

      gtk_label_set_text (self->pending_label, text);
    }
  else
    gtk_label_set_text (self->pending_label, _("Nothing waiting to be sent"));

  clear_list (self->rejected_list);
  for (guint i = 0; rejected != NULL && i < rejected->len && i < LIST_LIMIT; i++)
    {
      KontorSyncRejected *entry = g_ptr_array_index (rejected, i);
      g_autofree char *name = dup_record_name (self, entry->entity, entry->entity_id,
                                               entry->fields_json);
      g_autofree char *reason = kontor_sync_dup_reason_text (entry->reason);

      gtk_list_box_append (self->rejected_list, kontor_ui_new_text_row (name, reason));
    }
  if (rejected != NULL && rejected->len > 0)
    {
      int n = (int) MIN (rejected->len, G_MAXINT);
      g_autofree char *text = g_strdup_printf (ngettext ("%d change refused by the server",
                                                         "%d changes refused by the server",
                                                         (gulong) n), n);

      gtk_label_set_text (self->rejected_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_label), rejected != NULL && rejected->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_list), rejected != NULL && rejected->len > 0);

  fill_file_problems (self);
}

static void
update (KontorSyncIndicator *self)
{
  KontorSyncState state = kontor_sync_service_get_state (self->sync);
  gint64 pending = kontor_sync_service_get_pending (self->sync);
  gint64 conflicts = kontor_sync_service_get_conflicts (self->sync);
  const char *message = kontor_sync_service_get_message (self->sync);
  g_autofree char *text = dup_state_text (state, pending);
  g_autofree char *last = kontor_format_moment (kontor_sync_service_get_last_sync (self->sync));
  g_autoptr(GString) detail = g_string_new (NULL);

  if (conflicts > 0 && state != KONTOR_SYNC_STATE_OFF)
    {
      int n = (int) MIN (conflicts, G_MAXINT);
      g_autofree char *state_text = g_steal_pointer (&text);

      /* Translators: the sync's state, then how many conflicts wait */
      text = g_strdup_printf (ngettext ("%s, %d conflict to resolve",
                                        "%s, %d conflicts to resolve", (gulong) n),
                              state_text, n);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), state != KONTOR_SYNC_STATE_OFF);
  gtk_menu_button_set_icon_name (self->button, conflicts > 0 ? "dialog-warning-symbolic"
                                                             : state_icon (state));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_label_set_text (self->state_label, text);

  if (message != NULL)
    g_string_append (detail, message);
  if (last != NULL)
    {
      if (detail->len > 0)
        g_string_append_c (detail, '\n');
      /* Translators: %s is "Today at 14:32" or a date and a time */
      g_string_append_printf (detail, _("Last synchronised: %s"), last);
    }
  gtk_label_set_text (self->detail_label, detail->str);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail->len > 0);

  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button),
                          state == KONTOR_SYNC_STATE_SIGNED_OUT);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button),
                          state != KONTOR_SYNC_STATE_SIGNED_OUT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), state != KONTOR_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), conflicts > 0);

  if (gtk_widget_get_visible (self->popover))
    fill_lists (self);
}

/* A change the server refused, rolled back here: said once, by name */
static void
on_rejected_cb (KontorSyncIndicator *self,
                const char          *entity,
                const char          *entity_id,
                const char          *fields_json,
                const char          *reason)
{
  g_autofree char *name = dup_record_name (self, entity, entity_id, fields_json);
  g_autofree char *reason_text = kontor_sync_dup_reason_text (reason);
  /* Translators: a record's name, then why the server refused its change */
  g_autofree char *text = g_strdup_printf (_("“%s” was not changed on the team server: %s"),
                                           name, reason_text);

  kontor_ui_add_toast (GTK_WIDGET (self), text);
}

/* An attached file the sync could not send (it tries at every cycle): said
 * once by a toast, then listed in the popover while it waits */
static void
on_file_problem_cb (KontorSyncIndicator *self,
                    const char          *sha256,
                    const char          *message)
{
  /* new to this window: said by a toast */
  if (g_hash_table_insert (self->file_problems, g_strdup (sha256), g_strdup (message)))
    {
      g_autofree char *name =
        kontor_store_dup_attachment_name (kontor_context_get_store (self->context), sha256);
      /* Translators: a file's name, then what went wrong */
      g_autofree char *text = g_strdup_printf (_("“%s”: %s"),
                                               name != NULL ? name : _("Attached file"),
                                               message);

      kontor_ui_add_toast (GTK_WIDGET (self), text);
    }
  if (gtk_widget_get_visible (self->popover))
    fill_file_problems (self);
}

static void
on_sync_notify_cb (KontorSyncIndicator *self)
{
  update (self);
}

/* GtkMenuButton has no "active" before GTK 4.10: the popover's show */
static void
on_popover_show_cb (KontorSyncIndicator *self)
{
  fill_lists (self);
}

static void
on_sync_clicked_cb (KontorSyncIndicator *self)
{
  kontor_sync_service_sync_now (self->sync);
}

static void
on_sign_in_clicked_cb (KontorSyncIndicator *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *preferences;

  gtk_menu_button_popdown (self->button);
  preferences = kontor_preferences_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               self->context);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                "team-server");
  gtk_window_present (preferences);
}

static void
on_conflicts_clicked_cb (KontorSyncIndicator *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_menu_button_popdown (self->button);
  gtk_window_present (kontor_conflicts_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   self->context));
}

static GtkWidget *
new_list (const char *accessible_name)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);

  return list;
}

static GtkWidget *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
build (KontorSyncIndicator *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  self->popover = gtk_popover_new ();
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_size_request (box, 320, -1);

  self->state_label = GTK_LABEL (new_label ("heading"));
  self->detail_label = GTK_LABEL (new_label ("dim-label"));
  self->pending_label = GTK_LABEL (new_label (NULL));
  self->pending_list = GTK_LIST_BOX (new_list (_("Changes waiting to be sent")));
  self->rejected_label = GTK_LABEL (new_label ("heading"));
  self->rejected_list = GTK_LIST_BOX (new_list (_("Changes refused by the server")));
  self->files_label = GTK_LABEL (new_label ("heading"));
  self->files_list = GTK_LIST_BOX (new_list (_("Attached files not sent")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->state_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->detail_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->pending_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->pending_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->rejected_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->rejected_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->files_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->files_list));

  self->sync_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Synchronise Now")));
  g_signal_connect_object (self->sync_button, "clicked", G_CALLBACK (on_sync_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  self->sign_in_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Sign _In…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->sign_in_button), "suggested-action");
  g_signal_connect_object (self->sign_in_button, "clicked", G_CALLBACK (on_sign_in_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  self->conflicts_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Resolve Conflicts…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->conflicts_button), "suggested-action");
  g_signal_connect_object (self->conflicts_button, "clicked", G_CALLBACK (on_conflicts_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->conflicts_button));
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->sync_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->sign_in_button));
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_menu_button_set_popover (self->button, self->popover);
}

static void
kontor_sync_indicator_constructed (GObject *object)
{
  KontorSyncIndicator *self = KONTOR_SYNC_INDICATOR (object);

  G_OBJECT_CLASS (kontor_sync_indicator_parent_class)->constructed (object);

  self->sync = g_object_ref (kontor_context_get_sync (self->context));
  build (self);
  g_signal_connect_object (self->sync, "notify", G_CALLBACK (on_sync_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "rejected", G_CALLBACK (on_rejected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "file-problem", G_CALLBACK (on_file_problem_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

static void
kontor_sync_indicator_dispose (GObject *object)
{
  KontorSyncIndicator *self = KONTOR_SYNC_INDICATOR (object);

  if (self->button != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->button)));
  g_clear_object (&self->sync);
  g_clear_object (&self->context);
  g_clear_pointer (&self->file_problems, g_hash_table_unref);

  G_OBJECT_CLASS (kontor_sync_indicator_parent_class)->dispose (object);
}

static void
kontor_sync_indicator_class_init (KontorSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_sync_indicator_constructed;
  object_class->dispose = kontor_sync_indicator_dispose;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorSyncIndicator, context));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kontor-sync-indicator");
}

static void
kontor_sync_indicator_init (KontorSyncIndicator *self)
{
  self->file_problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * kontor_sync_indicator_new:
 * @context: a context with a sync service
 *
 * Returns: (transfer floating): the indicator
 */
GtkWidget *
kontor_sync_indicator_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (kontor_context_get_sync (context) != NULL, NULL);

  return g_object_new (KONTOR_TYPE_SYNC_INDICATOR, "context", context, NULL);
}

/**
 * kontor_sync_indicator_get_button:
 * @self: an indicator
 *
 * Returns: (transfer none): the button that opens the details, for tests
 */
GtkMenuButton *
kontor_sync_indicator_get_button (KontorSyncIndicator *self)
{
  g_return_val_if_fail (KONTOR_IS_SYNC_INDICATOR (self), NULL);

  return self->button;
}
