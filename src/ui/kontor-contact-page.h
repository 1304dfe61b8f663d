/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_CONTACT_PAGE (kontor_contact_page_get_type ())

G_DECLARE_FINAL_TYPE (KontorContactPage, kontor_contact_page, KONTOR, CONTACT_PAGE, AdwBin)

GtkWidget     *kontor_contact_page_new         (KontorContext      *context);
void           kontor_contact_page_set_contact (KontorContactPage  *self,
                                                KontorContact      *contact);
KontorContact *kontor_contact_page_get_contact (KontorContactPage  *self);
gboolean       kontor_contact_page_get_dirty   (KontorContactPage  *self);
void           kontor_contact_page_set_leave_after_save (KontorContactPage *self,
                                                          gboolean           leave_after_save);
gboolean       kontor_contact_page_save        (KontorContactPage  *self,
                                                GError            **error);

G_END_DECLS
