/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib-object.h>

#include "kontor-enums.h"
#include "kontor-types.h"

G_BEGIN_DECLS

/**
 * KontorChannel:
 * @id: (nullable): UUIDv7 of the child row, %NULL until stored
 * @label: (nullable): a label key ("work", "home", "mobile", "fax", "other")
 *   or text the user typed
 * @value: the address or number as the user typed it
 *
 * One e-mail address or phone number of a contact or company. Each is a row
 * of its own so that two machines adding a number each merge cleanly.
 */
struct _KontorChannel
{
  char *id;
  char *label;
  char *value;
};

#define KONTOR_TYPE_CHANNEL (kontor_channel_get_type ())

GType          kontor_channel_get_type     (void) G_GNUC_CONST;
KontorChannel *kontor_channel_new          (const char          *label,
                                            const char          *value);
KontorChannel *kontor_channel_copy         (const KontorChannel *self);
void           kontor_channel_free         (KontorChannel       *self);
gboolean       kontor_channel_equal        (const KontorChannel *a,
                                            const KontorChannel *b);
GPtrArray     *kontor_channel_array_new    (void);
GPtrArray     *kontor_channel_array_copy   (GPtrArray           *channels);
gboolean       kontor_channel_array_equal  (GPtrArray           *a,
                                            GPtrArray           *b);
const char    *kontor_channel_label_to_string (const char       *label);
gboolean       kontor_channel_validate     (const KontorChannel *self,
                                            KontorChannelKind    kind,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorChannel, kontor_channel_free)

G_END_DECLS
