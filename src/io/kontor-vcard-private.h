/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

/* libedataserver 3.46's e-flag.h still declares a GTimeVal function */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libebook-contacts/libebook-contacts.h>
G_GNUC_END_IGNORE_DEPRECATIONS

#include "kontor-vcard.h"

G_BEGIN_DECLS

/* For src/io and the tests: the parts of the vCard reader below
 * kontor_vcard_source_new() (src/README.md "vCard files"). */

/* A source over a file's bytes already in memory, for the fuzzer and the
 * tests; @display_name names it in messages. */
KontorImportSource *kontor_vcard_source_new_for_bytes (GBytes      *bytes,
                                                       const char  *display_name);

/* One card's text, UTF-8 without QUOTED-PRINTABLE or CHARSET (the source
 * has decoded them), as a contact; %NULL when it holds no name, company
 * or e-mail address. */
KontorContact      *kontor_vcard_parse_card           (const char  *card);

/* The same mapping for a card already parsed (an address book's EContact) */
KontorContact      *kontor_vcard_parse_vcard          (EVCard      *vcard);

/* "--MM-DD" or "YYYY-MM-DD" from a vCard's BDAY (19800415, 1980-04-15,
 * --0415, --04-15, 1980-04-15T00:00:00Z); other text is given back as it
 * is, for the model's rule to refuse with its message. */
char               *kontor_vcard_parse_date           (const char  *value);

G_END_DECLS
