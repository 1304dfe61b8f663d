/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-import-source.h"

G_BEGIN_DECLS

/* vCard files (features I2, I4, src/README.md "Import"): 2.1 with
 * QUOTED-PRINTABLE and CHARSET, 3.0 with folding, escapes and TYPE lists,
 * 4.0 with tel: and mailto: URIs and partial dates, many cards a file;
 * read and written with evolution-data-server's EVCard. */

typedef enum
{
  KONTOR_VCARD_VERSION_30,
  KONTOR_VCARD_VERSION_40,
} KontorVcardVersion;

KontorImportSource *kontor_vcard_source_new        (GFile              *file,
                                                    GCancellable       *cancellable,
                                                    GError            **error);
char               *kontor_vcard_from_contact      (KontorContact      *contact,
                                                    KontorVcardVersion  version);

G_END_DECLS
