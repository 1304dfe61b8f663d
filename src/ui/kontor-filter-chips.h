/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

/* What the contacts overview shows without a status criterion: the inbox
 * and the active contacts, not the archive */
#define KONTOR_FILTER_CURRENT_STATUSES (KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX) | \
                                        KONTOR_STATUS_MASK_ACTIVE)

#define KONTOR_TYPE_FILTER_CHIPS (kontor_filter_chips_get_type ())

G_DECLARE_FINAL_TYPE (KontorFilterChips, kontor_filter_chips, KONTOR, FILTER_CHIPS, AdwBin)

GtkWidget *kontor_filter_chips_new          (KontorContext     *context,
                                             KontorFilter      *filter);
guint      kontor_filter_chips_get_n_chips  (KontorFilterChips *self);
char      *kontor_filter_chips_dup_text     (KontorFilterChips *self,
                                             guint              index);
GtkWidget *kontor_filter_chips_get_button   (KontorFilterChips *self,
                                             guint              index);
void       kontor_filter_chips_reset_filter (KontorFilter      *filter);

G_END_DECLS
