/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-channels-section"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-channels-section.h"

/**
 * KontorChannelsSection:
 *
 * The e-mail addresses and phone numbers of any record with "emails" and
 * "phones" fields (contacts, companies): one row per entry, its label
 * from a drop-down or typed, a remove button; the store's ids are kept so
 * that an edit updates the child row it came from. Rows that are not a
 * valid address or number are marked.
 *
 * Actions: `channels.add-email`, `channels.add-phone`,
 * `channels.remove` (the row's serial number).
 */

typedef struct
{
  KontorChannelKind  kind;
  guint              serial;         /* the remove action's target */
  char              *id;             /* NULL until stored */
  gboolean           has_custom;     /* the last drop-down item is custom_label */
  char              *custom_label;   /* a label that is not a known key, or NULL */
  AdwEntryRow       *row;            /* owned by the list box */
  GtkDropDown       *label_dropdown;
  GtkWidget         *remove_button;
} ChannelRow;

struct _KontorChannelsSection
{
  GtkBox        parent_instance;

  KontorRecord *record;
  GPtrArray    *email_rows;       /* ChannelRow */
  GPtrArray    *phone_rows;       /* ChannelRow */
  guint         next_serial;
  guint         loading;
  gboolean      editable;

  GtkListBox   *email_list;
  GtkWidget    *add_email_row;
  GtkListBox   *phone_list;
  GtkWidget    *add_phone_row;
};

static void kontor_channels_section_iface_init (KontorEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorChannelsSection, kontor_channels_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_EDITOR_SECTION,
                                                      kontor_channels_section_iface_init))

/* The label keys offered for each kind, in this order (KontorChannel). */
static const char * const email_label_keys[] = { "work", "home", "other" };
static const char * const phone_label_keys[] = { "work", "mobile", "home", "fax", "other" };

/* ------------------------------------------------------------------------ */
/* E-mail addresses and phone numbers */

static const char * const *
get_label_keys (KontorChannelKind  kind,
                guint             *n_keys)
{
  if (kind == KONTOR_CHANNEL_KIND_EMAIL)
    {
      *n_keys = G_N_ELEMENTS (email_label_keys);
      return email_label_keys;
    }

  *n_keys = G_N_ELEMENTS (phone_label_keys);
  return phone_label_keys;
}

static void
channel_row_free (ChannelRow *channel)
{
  g_free (channel->id);
  g_free (channel->custom_label);
  g_free (channel);
}

static GPtrArray *
get_channel_rows (KontorChannelsSection *self,
                  KontorChannelKind      kind)
{
  return kind == KONTOR_CHANNEL_KIND_EMAIL ? self->email_rows : self->phone_rows;
}

static GtkListBox *
get_channel_list (KontorChannelsSection *self,
                  KontorChannelKind      kind)
{
  return kind == KONTOR_CHANNEL_KIND_EMAIL ? self->email_list : self->phone_list;
}

static const char *
channel_row_get_label (ChannelRow *channel)
{
  guint n_keys;
  const char * const *keys = get_label_keys (channel->kind, &n_keys);
  guint selected = gtk_drop_down_get_selected (channel->label_dropdown);

  if (selected < n_keys)
    return keys[selected];

  return channel->custom_label;
}

static void
update_channel_row_title (ChannelRow *channel)
{
  const char *label = channel_row_get_label (channel);
  const char *title;

  if (label != NULL)
    title = kontor_channel_label_to_string (label);
  else if (channel->kind == KONTOR_CHANNEL_KIND_EMAIL)
    title = _("E-mail Address");
  else
    title = _("Phone Number");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (channel->row), title);
}

static void
update_channel_row_editable (KontorChannelsSection *self,
                             ChannelRow            *channel)
{
  gboolean editable = self->editable;

  gtk_editable_set_editable (GTK_EDITABLE (channel->row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (channel->label_dropdown), editable);
  gtk_widget_set_visible (channel->remove_button, editable);
}


static void on_field_changed_cb (KontorChannelsSection *self);

static void
on_channel_dropdown_notify_selected_cb (KontorChannelsSection *self,
                                        GParamSpec            *pspec,
                                        GtkDropDown           *dropdown)
{
  GPtrArray *all[] = { self->email_rows, self->phone_rows };

  g_assert (KONTOR_IS_CHANNELS_SECTION (self));
  g_assert (GTK_IS_DROP_DOWN (dropdown));

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      for (guint j = 0; j < all[i]->len; j++)
        {
          ChannelRow *channel = g_ptr_array_index (all[i], j);

          if (channel->label_dropdown == dropdown)
            update_channel_row_title (channel);
        }
    }

  on_field_changed_cb (self);
}

static ChannelRow *
add_channel_row (KontorChannelsSection *self,
                 KontorChannelKind      kind,
                 const KontorChannel   *value)
{
  GPtrArray *rows = get_channel_rows (self, kind);
  ChannelRow *channel = g_new0 (ChannelRow, 1);
  GtkStringList *labels = gtk_string_list_new (NULL);
  const char *label = value != NULL ? value->label : NULL;
  guint selected = GTK_INVALID_LIST_POSITION;
  const char * const *keys;
  const char *remove_label;
  guint n_keys;

  keys = get_label_keys (kind, &n_keys);
  if (value == NULL)
    label = keys[0];

  channel->kind = kind;
  channel->serial = ++self->next_serial;
  channel->id = g_strdup (value != NULL ? value->id : NULL);

  for (guint i = 0; i < n_keys; i++)
    {
      gtk_string_list_append (labels, kontor_channel_label_to_string (keys[i]));
      if (g_strcmp0 (label, keys[i]) == 0)
        selected = i;
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      /* A label typed in another program: kept and offered as it is. */
      channel->has_custom = TRUE;
      channel->custom_label = label != NULL && *label != '\0' ? g_strdup (label) : NULL;
      gtk_string_list_append (labels, channel->custom_label != NULL ? channel->custom_label
                                                                    : _("No Label"));
      selected = n_keys;
    }

  channel->row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_entry_row_set_input_hints (channel->row, GTK_INPUT_HINT_NO_SPELLCHECK);
  adw_entry_row_set_input_purpose (channel->row, kind == KONTOR_CHANNEL_KIND_EMAIL
                                                 ? GTK_INPUT_PURPOSE_EMAIL
                                                 : GTK_INPUT_PURPOSE_PHONE);
  kontor_editor_section_set_entry_text (channel->row, value != NULL ? value->value : NULL);

  channel->label_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (labels), NULL));
  gtk_drop_down_set_selected (channel->label_dropdown, selected);
  gtk_widget_set_valign (GTK_WIDGET (channel->label_dropdown), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (channel->label_dropdown), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (channel->label_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == KONTOR_CHANNEL_KIND_EMAIL ? _("E-mail address type")
                                                                    : _("Phone number type"),
                                  -1);
  adw_entry_row_add_suffix (channel->row, GTK_WIDGET (channel->label_dropdown));

  remove_label = kind == KONTOR_CHANNEL_KIND_EMAIL ? _("Remove e-mail address")
                                                   : _("Remove phone number");
  channel->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (channel->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (channel->remove_button, "flat");
  gtk_widget_set_tooltip_text (channel->remove_button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (channel->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (channel->remove_button),
                                  "channels.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (channel->remove_button), "u",
                                    channel->serial);
  adw_entry_row_add_suffix (channel->row, channel->remove_button);

  update_channel_row_title (channel);
  update_channel_row_editable (self, channel);

  g_signal_connect_object (channel->row, "changed",
                           G_CALLBACK (on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (channel->label_dropdown, "notify::selected",
                           G_CALLBACK (on_channel_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);

  /* before the "Add …" row, which stays last */
  gtk_list_box_insert (get_channel_list (self, kind),
                       GTK_WIDGET (channel->row), rows->len);
  g_ptr_array_add (rows, channel);

  return channel;
}

static void
remove_channel_row (KontorChannelsSection *self,
                    ChannelRow            *channel)
{
  gtk_list_box_remove (get_channel_list (self, channel->kind),
                       GTK_WIDGET (channel->row));
  g_ptr_array_remove (get_channel_rows (self, channel->kind), channel);
}

/* The rows with something typed in, in order: an empty row is a row not
 * filled in yet, not an address. */
static GPtrArray *
get_filled_rows (GPtrArray *rows)
{
  GPtrArray *filled = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      ChannelRow *channel = g_ptr_array_index (rows, i);
      g_autofree char *value = kontor_editor_section_dup_entry_text (channel->row);

      if (value != NULL)
        g_ptr_array_add (filled, channel);
    }

  return filled;
}

static GPtrArray *
channels_from_rows (GPtrArray *rows)
{
  GPtrArray *channels = kontor_channel_array_new ();
  g_autoptr(GPtrArray) filled = get_filled_rows (rows);

  for (guint i = 0; i < filled->len; i++)
    {
      ChannelRow *channel = g_ptr_array_index (filled, i);
      g_autofree char *value = kontor_editor_section_dup_entry_text (channel->row);
      KontorChannel *item = kontor_channel_new (channel_row_get_label (channel), value);

      item->id = g_strdup (channel->id);
      g_ptr_array_add (channels, item);
    }

  return channels;
}

static void
set_channels (KontorChannelsSection *self,
              KontorChannelKind      kind,
              GPtrArray             *channels)
{
  GPtrArray *rows = get_channel_rows (self, kind);
  g_autoptr(GPtrArray) shown = channels_from_rows (rows);

  /* Unchanged: keep the rows, with an empty one being filled in. */
  if (kontor_channel_array_equal (shown, channels))
    return;

  while (rows->len > 0)
    remove_channel_row (self, g_ptr_array_index (rows, rows->len - 1));
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    add_channel_row (self, kind, g_ptr_array_index (channels, i));
}

/* After saving, new rows learn the ids the store gave them. */
static void
take_channel_ids (KontorChannelsSection *self,
                  KontorChannelKind      kind,
                  GPtrArray             *stored)
{
  g_autoptr(GPtrArray) filled = get_filled_rows (get_channel_rows (self, kind));

  for (guint i = 0; stored != NULL && i < MIN (filled->len, stored->len); i++)
    {
      ChannelRow *channel = g_ptr_array_index (filled, i);
      g_autofree char *value = kontor_editor_section_dup_entry_text (channel->row);
      KontorChannel *item = g_ptr_array_index (stored, i);

      if (g_strcmp0 (item->value, value) == 0)
        {
          g_free (channel->id);
          channel->id = g_strdup (item->id);
        }
    }
}

static ChannelRow *
find_channel_row (KontorChannelsSection *self,
                  guint                  serial)
{
  GPtrArray *all[] = { self->email_rows, self->phone_rows };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      for (guint j = 0; j < all[i]->len; j++)
        {
          ChannelRow *channel = g_ptr_array_index (all[i], j);

          if (channel->serial == serial)
            return channel;
        }
    }

  return NULL;
}

static void
mark_channel_rows (KontorChannelsSection *self)
{
  GPtrArray *all[] = { self->email_rows, self->phone_rows };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      for (guint j = 0; j < all[i]->len; j++)
        {
          ChannelRow *channel = g_ptr_array_index (all[i], j);
          g_autofree char *value = kontor_editor_section_dup_entry_text (channel->row);
          g_autoptr(GError) error = NULL;
          const char *message = NULL;

          /* the model's rule, the one saving applies */
          if (value != NULL)
            {
              g_autoptr(KontorChannel) probe = kontor_channel_new (NULL, value);

              if (!kontor_channel_validate (probe, channel->kind, &error))
                message = error->message;
            }

          if (message != NULL)
            gtk_widget_add_css_class (GTK_WIDGET (channel->row), "error");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (channel->row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (channel->row), message);
        }
    }
}

static void
on_field_changed_cb (KontorChannelsSection *self)
{
  g_assert (KONTOR_IS_CHANNELS_SECTION (self));

  if (self->loading > 0)
    return;

  mark_channel_rows (self);
  kontor_editor_section_emit_edited (KONTOR_EDITOR_SECTION (self));
}

static gboolean
find_channels_field (KontorRecord      *record,
                     KontorChannelKind  kind,
                     guint             *index)
{
  return record != NULL &&
         kontor_editor_section_find_field (record,
                                           kind == KONTOR_CHANNEL_KIND_EMAIL ? "emails" : "phones",
                                           index);
}

static GPtrArray *
get_record_channels (KontorRecord      *record,
                     KontorChannelKind  kind)
{
  guint index;

  if (!find_channels_field (record, kind, &index))
    return NULL;

  return kontor_record_get_channels (record, index);
}

/**
 * kontor_channels_section_take_ids:
 * @self: a channels section
 * @stored: the record as just stored
 *
 * After saving, new rows learn the ids the store gave them.
 */
void
kontor_channels_section_take_ids (KontorChannelsSection *self,
                                  KontorRecord          *stored)
{
  g_return_if_fail (KONTOR_IS_CHANNELS_SECTION (self));
  g_return_if_fail (KONTOR_IS_RECORD (stored));

  take_channel_ids (self, KONTOR_CHANNEL_KIND_EMAIL,
                    get_record_channels (stored, KONTOR_CHANNEL_KIND_EMAIL));
  take_channel_ids (self, KONTOR_CHANNEL_KIND_PHONE,
                    get_record_channels (stored, KONTOR_CHANNEL_KIND_PHONE));
}

static void
kontor_channels_section_set_record (KontorEditorSection *section,
                                    KontorContext       *context,
                                    KontorRecord        *record)
{
  KontorChannelsSection *self = KONTOR_CHANNELS_SECTION (section);
  GPtrArray *all[] = { self->email_rows, self->phone_rows };
  gboolean other = self->record == NULL || record == NULL ||
                   g_strcmp0 (kontor_record_get_id (self->record),
                              kontor_record_get_id (record)) != 0;

  self->loading++;

  /* another record: a fresh list, no row being filled in left over */
  for (guint i = 0; other && i < G_N_ELEMENTS (all); i++)
    {
      while (all[i]->len > 0)
        remove_channel_row (self, g_ptr_array_index (all[i], 0));
    }

  self->editable = kontor_editor_section_can_edit (context, record);
  set_channels (self, KONTOR_CHANNEL_KIND_EMAIL,
                get_record_channels (record, KONTOR_CHANNEL_KIND_EMAIL));
  set_channels (self, KONTOR_CHANNEL_KIND_PHONE,
                get_record_channels (record, KONTOR_CHANNEL_KIND_PHONE));

  gtk_widget_set_visible (self->add_email_row, self->editable);
  gtk_widget_set_visible (self->add_phone_row, self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "channels.add-email", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "channels.add-phone", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "channels.remove", self->editable);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      for (guint j = 0; j < all[i]->len; j++)
        update_channel_row_editable (self, g_ptr_array_index (all[i], j));
    }

  self->loading--;

  g_set_object (&self->record, record);
  mark_channel_rows (self);
}

static void
kontor_channels_section_apply (KontorEditorSection *section,
                               KontorRecord        *record)
{
  KontorChannelsSection *self = KONTOR_CHANNELS_SECTION (section);
  GPtrArray *all[] = { self->email_rows, self->phone_rows };
  KontorChannelKind kinds[] = { KONTOR_CHANNEL_KIND_EMAIL, KONTOR_CHANNEL_KIND_PHONE };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(GPtrArray) channels = channels_from_rows (all[i]);
      guint index;

      if (find_channels_field (record, kinds[i], &index))
        kontor_record_set_channels (record, index, channels);
    }
}

static gboolean
kontor_channels_section_changed (KontorEditorSection *section)
{
  KontorChannelsSection *self = KONTOR_CHANNELS_SECTION (section);

  return kontor_editor_section_diff_shown (section, self->record);
}

static void
kontor_channels_section_iface_init (KontorEditorSectionInterface *iface)
{
  iface->set_record = kontor_channels_section_set_record;
  iface->changed = kontor_channels_section_changed;
  iface->apply = kontor_channels_section_apply;
}

/* ------------------------------------------------------------------------ */
/* Actions */

static void
add_channel (KontorChannelsSection *self,
             KontorChannelKind      kind)
{
  ChannelRow *channel;

  if (!self->editable)
    return;

  channel = add_channel_row (self, kind, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (channel->row));
  on_field_changed_cb (self);
}

static void
add_email_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  add_channel (KONTOR_CHANNELS_SECTION (widget), KONTOR_CHANNEL_KIND_EMAIL);
}

static void
add_phone_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  add_channel (KONTOR_CHANNELS_SECTION (widget), KONTOR_CHANNEL_KIND_PHONE);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorChannelsSection *self = KONTOR_CHANNELS_SECTION (widget);
  ChannelRow *channel = find_channel_row (self, g_variant_get_uint32 (parameter));
  GtkListBox *list;
  GtkListBoxRow *next;
  int index;

  if (channel == NULL || !self->editable)
    return;

  /* keep the focus in the list: on the next row, or the "Add …" row */
  list = get_channel_list (self, channel->kind);
  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (channel->row));
  remove_channel_row (self, channel);
  next = gtk_list_box_get_row_at_index (list, index);
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));

  on_field_changed_cb (self);
}

/* ------------------------------------------------------------------------ */
/* GObject */

static void
kontor_channels_section_dispose (GObject *object)
{
  KontorChannelsSection *self = KONTOR_CHANNELS_SECTION (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (kontor_channels_section_parent_class)->dispose (object);
}

static void
kontor_channels_section_finalize (GObject *object)
{
  KontorChannelsSection *self = KONTOR_CHANNELS_SECTION (object);

  g_ptr_array_unref (self->email_rows);
  g_ptr_array_unref (self->phone_rows);

  G_OBJECT_CLASS (kontor_channels_section_parent_class)->finalize (object);
}

static void
kontor_channels_section_class_init (KontorChannelsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_channels_section_dispose;
  object_class->finalize = kontor_channels_section_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-channels-section.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorChannelsSection, email_list);
  gtk_widget_class_bind_template_child (widget_class, KontorChannelsSection, add_email_row);
  gtk_widget_class_bind_template_child (widget_class, KontorChannelsSection, phone_list);
  gtk_widget_class_bind_template_child (widget_class, KontorChannelsSection, add_phone_row);

  gtk_widget_class_install_action (widget_class, "channels.add-email", NULL, add_email_action);
  gtk_widget_class_install_action (widget_class, "channels.add-phone", NULL, add_phone_action);
  gtk_widget_class_install_action (widget_class, "channels.remove", "u", remove_action);
}

static void
kontor_channels_section_init (KontorChannelsSection *self)
{
  self->email_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) channel_row_free);
  self->phone_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) channel_row_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
