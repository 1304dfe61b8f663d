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

G_END_DECLS
