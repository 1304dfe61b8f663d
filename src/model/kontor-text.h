/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  kontor_text_is_ascii          (const char *text);
char     *kontor_text_fold              (const char *text);
char     *kontor_text_transliterate_de  (const char *text);
GBytes   *kontor_text_sort_key          (const char *text);
GBytes   *kontor_text_sort_key_natural  (const char *text);
char     *kontor_text_match_key         (const char *text);
char     *kontor_company_match_key      (const char *name);
char     *kontor_phone_normalize        (const char *number);
GStrv     kontor_phone_index_keys       (const char *number);
gboolean  kontor_phone_is_query         (const char *text);
char     *kontor_phone_query_key        (const char *text);
gboolean  kontor_email_is_valid         (const char *address);
char     *kontor_text_strip_dup         (const char *text);
gboolean  kontor_text_is_blank          (const char *text);
char     *kontor_text_shorten           (const char *text,
                                         guint       max_chars);
char     *kontor_text_dup_initials      (const char *name);

G_END_DECLS
