/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-contact.h"
#include "kontor-store.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_CONTACT_SEARCH (kontor_contact_search_get_type ())

G_DECLARE_FINAL_TYPE (KontorContactSearch, kontor_contact_search, KONTOR, CONTACT_SEARCH, GObject)

/* Whether a match is left out (already chosen, the activity's own) */
typedef gboolean (*KontorContactSearchSkipFunc) (KontorRecord *contact,
                                                 gpointer      user_data);
/* The title of a match's row from the contact's name */
typedef char *(*KontorContactSearchTitleFunc) (const char *name);

KontorContactSearch *kontor_contact_search_new      (GtkWidget                   *entry,
                                                     const char                  *icon_name,
                                                     KontorContactSearchTitleFunc title_func);
void                 kontor_contact_search_set_store (KontorContactSearch        *self,
                                                      KontorStore                *store);
GtkListBox          *kontor_contact_search_get_list (KontorContactSearch         *self);
void                 kontor_contact_search_set_skip (KontorContactSearch         *self,
                                                     KontorContactSearchSkipFunc  skip,
                                                     gpointer                     user_data);

G_END_DECLS
