/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gio/gio.h>

#include "kontor-activity.h"

G_BEGIN_DECLS

/* the largest e-mail file read (a message with its attachments) */
#define KONTOR_EML_MAX_MB 25
#define KONTOR_EML_MAX_BYTES ((goffset) KONTOR_EML_MAX_MB * 1000 * 1000)
/* how much of the text an activity keeps */
#define KONTOR_EML_EXCERPT_CHARS 400
/* addresses kept of each of To and Cc; a mailing to thousands names the first */
#define KONTOR_EML_MAX_ADDRESSES 100

/**
 * KontorEml:
 * @subject: (nullable): the subject, decoded, on one line
 * @date: the Date header as Unix seconds; 0 when the message has none
 *   (kontor_eml_load() then gives the file's time)
 * @from_name: (nullable): the sender's name
 * @from_address: (nullable): the sender's address
 * @to: (array zero-terminated=1): the addresses of To, never %NULL
 * @cc: (array zero-terminated=1): the addresses of Cc, never %NULL
 * @excerpt: (nullable): the start of the text (text/plain, else text/html
 *   without its tags), whitespace collapsed, at most
 *   %KONTOR_EML_EXCERPT_CHARS characters and "…"
 *
 * What Kontor keeps of an e-mail file (feature A7). Every text is valid
 * UTF-8 without control characters, whatever the file held.
 */
typedef struct
{
  char    *subject;
  gint64   date;
  char    *from_name;
  char    *from_address;
  GStrv    to;
  GStrv    cc;
  char    *excerpt;
} KontorEml;

KontorEml      *kontor_eml_parse         (const char       *name,
                                          GBytes           *bytes,
                                          GError          **error);
KontorEml      *kontor_eml_load          (GFile            *file,
                                          GCancellable     *cancellable,
                                          GError          **error);
void            kontor_eml_free          (KontorEml        *eml);
GStrv           kontor_eml_dup_addresses (const KontorEml  *eml);
KontorActivity *kontor_eml_new_activity  (const KontorEml  *eml,
                                          KontorRecord     *owner,
                                          gint64            now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorEml, kontor_eml_free)

G_END_DECLS
