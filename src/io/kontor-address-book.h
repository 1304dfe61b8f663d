/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

/* libedataserver 3.46's e-flag.h still declares a GTimeVal function */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libebook/libebook.h>
G_GNUC_END_IGNORE_DEPRECATIONS

#include "kontor-import-source.h"

G_BEGIN_DECLS

/* The desktop's address books: those GNOME Contacts and Evolution show,
 * kept by evolution-data-server (src/README.md "The desktop's address
 * books"). */

GPtrArray          *kontor_address_book_list         (ESourceRegistry  *registry);
char               *kontor_address_book_dup_account  (ESourceRegistry  *registry,
                                                      ESource          *book);
ESource            *kontor_address_book_find         (ESourceRegistry  *registry,
                                                      const char       *name);
KontorImportSource *kontor_address_book_source_new   (ESource          *book);

/* The "Kontor" book among the desktop's, written one way from Kontor */
#define KONTOR_ADDRESS_BOOK_MIRROR_UID "kontor-address-book"

gboolean            kontor_address_book_mirror        (ESourceRegistry  *registry,
                                                       GPtrArray        *contacts,
                                                       GCancellable     *cancellable,
                                                       GError          **error);
gboolean            kontor_address_book_mirror_remove (ESourceRegistry  *registry,
                                                       GCancellable     *cancellable,
                                                       GError          **error);

G_END_DECLS
