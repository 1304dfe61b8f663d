/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The e-mail addresses and phone numbers of a contact's page: one row per
 * entry, its label from a drop-down or typed, a remove button; the store's
 * ids are kept so that an edit updates the child row it came from. */

#define G_LOG_DOMAIN "kontor-contact-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-contact-page-private.h"
#include "kontor-text.h"

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

void
_kontor_contact_page_channel_row_free (ChannelRow *channel)
{
  g_free (channel->id);
  g_free (channel->custom_label);
  g_free (channel);
}

static GPtrArray *
get_channel_rows (KontorContactPage *self,
                  KontorChannelKind  kind)
{
  return kind == KONTOR_CHANNEL_KIND_EMAIL ? self->email_rows : self->phone_rows;
}

GtkListBox *
_kontor_contact_page_get_channel_list (KontorContactPage *self,
                                       KontorChannelKind  kind)
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

void
_kontor_contact_page_update_channel_row_editable (KontorContactPage *self,
                                                  ChannelRow        *channel)
{
  gboolean editable = _kontor_contact_page_can_edit (self);

  gtk_editable_set_editable (GTK_EDITABLE (channel->row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (channel->label_dropdown), editable);
  gtk_widget_set_visible (channel->remove_button, editable);
}


static void
on_channel_dropdown_notify_selected_cb (KontorContactPage *self,
                                        GParamSpec        *pspec,
                                        GtkDropDown       *dropdown)
{
  GPtrArray *all[] = { self->email_rows, self->phone_rows };

  g_assert (KONTOR_IS_CONTACT_PAGE (self));
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

  _kontor_contact_page_on_field_changed_cb (self);
}

ChannelRow *
_kontor_contact_page_add_channel_row (KontorContactPage   *self,
                                      KontorChannelKind    kind,
                                      const KontorChannel *value)
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
  _kontor_contact_page_set_entry_text (channel->row, value != NULL ? value->value : NULL);

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
                                  "contact.remove-channel");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (channel->remove_button), "u",
                                    channel->serial);
  adw_entry_row_add_suffix (channel->row, channel->remove_button);

  update_channel_row_title (channel);
  _kontor_contact_page_update_channel_row_editable (self, channel);

  g_signal_connect_object (channel->row, "changed",
                           G_CALLBACK (_kontor_contact_page_on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (channel->label_dropdown, "notify::selected",
                           G_CALLBACK (on_channel_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);

  /* before the "Add …" row, which stays last */
  gtk_list_box_insert (_kontor_contact_page_get_channel_list (self, kind),
                       GTK_WIDGET (channel->row), rows->len);
  g_ptr_array_add (rows, channel);

  return channel;
}

void
_kontor_contact_page_remove_channel_row (KontorContactPage *self,
                                         ChannelRow        *channel)
{
  gtk_list_box_remove (_kontor_contact_page_get_channel_list (self, channel->kind),
                       GTK_WIDGET (channel->row));
  g_ptr_array_remove (get_channel_rows (self, channel->kind), channel);
}

GPtrArray *
_kontor_contact_page_channels_from_rows (GPtrArray *rows)
{
  GPtrArray *channels = kontor_channel_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      ChannelRow *channel = g_ptr_array_index (rows, i);
      g_autofree char *value = _kontor_contact_page_dup_entry_text (channel->row);
      KontorChannel *item;

      /* an empty row is a row not filled in yet, not an address */
      if (value == NULL)
        continue;

      item = kontor_channel_new (channel_row_get_label (channel), value);
      item->id = g_strdup (channel->id);
      g_ptr_array_add (channels, item);
    }

  return channels;
}

void
_kontor_contact_page_set_channels (KontorContactPage *self,
                                   KontorChannelKind  kind,
                                   GPtrArray         *channels)
{
  GPtrArray *rows = get_channel_rows (self, kind);
  g_autoptr(GPtrArray) shown = _kontor_contact_page_channels_from_rows (rows);

  /* Unchanged: keep the rows, with an empty one being filled in. */
  if (kontor_channel_array_equal (shown, channels))
    return;

  while (rows->len > 0)
    _kontor_contact_page_remove_channel_row (self, g_ptr_array_index (rows, rows->len - 1));
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    _kontor_contact_page_add_channel_row (self, kind, g_ptr_array_index (channels, i));
}

/* After saving, new rows learn the ids the store gave them. */
void
_kontor_contact_page_take_channel_ids (KontorContactPage *self,
                                       KontorChannelKind  kind,
                                       GPtrArray         *stored)
{
  GPtrArray *rows = get_channel_rows (self, kind);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      ChannelRow *channel = g_ptr_array_index (rows, i);
      g_autofree char *value = _kontor_contact_page_dup_entry_text (channel->row);
      KontorChannel *item;

      if (value == NULL)
        continue;
      if (stored == NULL || n >= stored->len)
        break;

      item = g_ptr_array_index (stored, n++);
      if (g_strcmp0 (item->value, value) == 0)
        {
          g_free (channel->id);
          channel->id = g_strdup (item->id);
        }
    }
}

ChannelRow *
_kontor_contact_page_find_channel_row (KontorContactPage *self,
                                       guint              serial)
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

void
_kontor_contact_page_mark_channel_rows (KontorContactPage *self)
{
  GPtrArray *all[] = { self->email_rows, self->phone_rows };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      for (guint j = 0; j < all[i]->len; j++)
        {
          ChannelRow *channel = g_ptr_array_index (all[i], j);
          g_autofree char *value = _kontor_contact_page_dup_entry_text (channel->row);
          g_autofree char *message = NULL;

          if (value != NULL && channel->kind == KONTOR_CHANNEL_KIND_EMAIL &&
              !kontor_email_is_valid (value))
            /* Translators: %s is what the user typed as e-mail address */
            message = g_strdup_printf (_("“%s” is not a valid e-mail address."), value);
          else if (value != NULL && channel->kind == KONTOR_CHANNEL_KIND_PHONE)
            {
              g_autofree char *digits = kontor_phone_normalize (value);

              if (*digits == '\0')
                /* Translators: %s is what the user typed as phone number */
                message = g_strdup_printf (_("“%s” is not a phone number."), value);
            }

          if (message != NULL)
            gtk_widget_add_css_class (GTK_WIDGET (channel->row), "error");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (channel->row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (channel->row), message);
        }
    }
}
