/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-channel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-error.h"
#include "kontor-text.h"

/* how much of a wrong value a message shows */
#define SHOWN_CHARS 40

G_DEFINE_BOXED_TYPE (KontorChannel, kontor_channel, kontor_channel_copy, kontor_channel_free)

/**
 * kontor_channel_new:
 * @label: (nullable): label key or free text
 * @value: the address or number
 *
 * Returns: (transfer full): a channel without id
 */
KontorChannel *
kontor_channel_new (const char *label,
                    const char *value)
{
  KontorChannel *self = g_new0 (KontorChannel, 1);

  self->label = g_strdup (label);
  self->value = g_strdup (value);

  return self;
}

KontorChannel *
kontor_channel_copy (const KontorChannel *self)
{
  KontorChannel *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = kontor_channel_new (self->label, self->value);
  copy->id = g_strdup (self->id);

  return copy;
}

void
kontor_channel_free (KontorChannel *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->label);
  g_free (self->value);
  g_free (self);
}

gboolean
kontor_channel_equal (const KontorChannel *a,
                      const KontorChannel *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->label, b->label) == 0 &&
         g_strcmp0 (a->value, b->value) == 0;
}

/**
 * kontor_channel_array_new:
 *
 * Returns: (transfer full) (element-type KontorChannel): an empty array that
 *   frees its channels
 */
GPtrArray *
kontor_channel_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_channel_free);
}

/**
 * kontor_channel_array_copy:
 * @channels: (nullable) (element-type KontorChannel): channels
 *
 * Returns: (transfer full) (element-type KontorChannel): a deep copy, never %NULL
 */
GPtrArray *
kontor_channel_array_copy (GPtrArray *channels)
{
  GPtrArray *copy = kontor_channel_array_new ();

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    g_ptr_array_add (copy, kontor_channel_copy (g_ptr_array_index (channels, i)));

  return copy;
}

gboolean
kontor_channel_array_equal (GPtrArray *a,
                            GPtrArray *b)
{
  guint a_len = a != NULL ? a->len : 0;
  guint b_len = b != NULL ? b->len : 0;

  if (a_len != b_len)
    return FALSE;

  for (guint i = 0; i < a_len; i++)
    {
      if (!kontor_channel_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        return FALSE;
    }

  return TRUE;
}

static const struct {
  const char *key;
  const char *label;
} channel_labels[] = {
  { "work", N_("Work") },
  { "home", N_("Home") },
  { "mobile", N_("Mobile") },
  { "fax", N_("Fax") },
  { "other", N_("Other") },
};

/**
 * kontor_channel_label_to_string:
 * @label: (nullable): a label key or free text
 *
 * Returns: the translated label for the well-known keys, else @label itself
 */
const char *
kontor_channel_label_to_string (const char *label)
{
  if (label == NULL || *label == '\0')
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (channel_labels); i++)
    {
      if (g_str_equal (label, channel_labels[i].key))
        return _(channel_labels[i].label);
    }

  return label;
}

/**
 * kontor_channel_validate:
 * @self: an e-mail address or a phone number
 * @kind: which of the two @self is
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The syntax rule of a channel: an e-mail address must look like one
 * (kontor_email_is_valid()); a phone number needs a digit, however it is
 * written. Whether the text itself is valid is the record's field rule.
 *
 * Returns: %TRUE when @self may be stored
 */
gboolean
kontor_channel_validate (const KontorChannel  *self,
                         KontorChannelKind     kind,
                         GError              **error)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (kind == KONTOR_CHANNEL_KIND_EMAIL)
    {
      if (kontor_email_is_valid (self->value))
        return TRUE;

      shown = kontor_text_shorten (self->value, SHOWN_CHARS);
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_EMAIL,
                   /* Translators: %s is what the user typed as e-mail address */
                   _("“%s” is not a valid e-mail address."), shown);
      return FALSE;
    }

  if (kind == KONTOR_CHANNEL_KIND_PHONE)
    {
      g_autofree char *digits = kontor_phone_normalize (self->value);

      if (*digits != '\0')
        return TRUE;

      shown = kontor_text_shorten (self->value, SHOWN_CHARS);
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_PHONE,
                   /* Translators: %s is what the user typed as phone number */
                   _("“%s” is not a phone number."), shown);
      return FALSE;
    }

  g_return_val_if_reached (FALSE);
}
