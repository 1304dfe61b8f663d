/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-eml"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>

#include "kontor-eml.h"
#include "kontor-record-rules.h"

/* E-mail files (.eml, message/rfc822) read with GMime 3, GNOME's MIME
 * library (src/README.md "Libraries"): headers with encoded words
 * (RFC 2047), multipart bodies, transfer encodings and charsets. What
 * comes out is plain data for an activity (feature A7, src/README.md
 * "Activities"): valid UTF-8 without control characters, however broken
 * the file, which tests/fuzz/fuzz-eml.c holds it to. No store, no GTK:
 * kontor_eml_load() may run on a worker thread. */

/* Windows-1252's characters at 0x80–0x9F, where ISO-8859-1 has C1
 * controls; 0 where it has none. Mail labelled ISO-8859-1 or without a
 * charset is Windows-1252 in practice (the € as 0x80), as browsers read it. */
static const gunichar windows_1252[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* The headers of which an e-mail has at least one */
static const char * const mail_headers[] = {
  "From", "Sender", "To", "Cc", "Subject", "Date", "Message-ID",
};

/* Tags whose content is no text of the message */
static const char * const hidden_tags[] = { "script", "style", "head" };

/* Tags that separate words */
static const char * const block_tags[] = {
  "br", "p", "div", "tr", "td", "th", "li", "ul", "ol", "table", "hr",
  "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
};

static const struct {
  const char *name;
  gunichar    c;
} entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0xA0 }, { "euro", 0x20AC }, { "auml", 0xE4 }, { "ouml", 0xF6 },
  { "uuml", 0xFC }, { "Auml", 0xC4 }, { "Ouml", 0xD6 }, { "Uuml", 0xDC },
  { "szlig", 0xDF }, { "eacute", 0xE9 }, { "egrave", 0xE8 }, { "copy", 0xA9 },
  { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
};

/* ------------------------------------------------------------------------ */
/* Clean text */

/* Collects text on one line: runs of whitespace and control characters
 * become one space, none at either end; the rest is cut after max_chars
 * characters with "…" */
typedef struct
{
  GString  *out;
  guint     n_chars;
  guint     max_chars;
  gboolean  space;      /* a space is due before the next character */
  gboolean  full;
} Line;

static void
line_init (Line  *line,
           guint  max_chars)
{
  line->out = g_string_new (NULL);
  line->n_chars = 0;
  line->max_chars = max_chars;
  line->space = FALSE;
  line->full = FALSE;
}

static void
line_put (Line     *line,
          gunichar  c)
{
  if (line->full)
    return;

  if (c >= 0x80 && c < 0xA0)
    c = windows_1252[c - 0x80];

  if (c == 0 || g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
      !g_unichar_validate (c) || c == 0xFEFF)
    {
      line->space = line->n_chars > 0;
      return;
    }

  if (line->n_chars + (line->space ? 1 : 0) >= line->max_chars)
    {
      line->full = TRUE;
      return;
    }

  if (line->space)
    {
      g_string_append_c (line->out, ' ');
      line->n_chars++;
      line->space = FALSE;
    }
  g_string_append_unichar (line->out, c);
  line->n_chars++;
}

/* Returns: (transfer full) (nullable): the line, %NULL when empty; a cut
 * one ends at a word when one ends near the cut */
static char *
line_finish (Line *line)
{
  if (line->full)
    {
      const char *last_space = strrchr (line->out->str, ' ');

      if (last_space != NULL && g_utf8_strlen (last_space, -1) < 30)
        g_string_truncate (line->out, last_space - line->out->str);
      g_string_append (line->out, "…");
    }

  if (line->out->len == 0)
    {
      g_string_free (line->out, TRUE);
      return NULL;
    }

  return g_string_free (line->out, FALSE);
}

/* Bytes as UTF-8: themselves when they are, else read as Windows-1252
 * (8-bit text without a charset, or with a wrong one) */
static char *
to_utf8 (const char *bytes,
         gssize      len)
{
  GString *out;

  if (len < 0)
    len = strlen (bytes);
  if (g_utf8_validate (bytes, len, NULL))
    return g_strndup (bytes, len);

  out = g_string_sized_new (len + len / 4);
  for (gssize i = 0; i < len; i++)
    {
      guchar b = (guchar) bytes[i];

      if (b >= 0x80 && b < 0xA0)
        g_string_append_unichar (out, windows_1252[b - 0x80] != 0 ? windows_1252[b - 0x80]
                                                                   : 0xFFFD);
      else
        g_string_append_unichar (out, b);
    }

  return g_string_free (out, FALSE);
}

/* Returns: (transfer full) (nullable): @text on one line, at most
 * @max_chars characters and "…" */
static char *
clean_line (const char *text,
            guint       max_chars)
{
  g_autofree char *valid = NULL;
  Line line;

  if (text == NULL)
    return NULL;

  valid = to_utf8 (text, -1);
  line_init (&line, max_chars);
  for (const char *p = valid; *p != '\0' && !line.full; p = g_utf8_next_char (p))
    line_put (&line, g_utf8_get_char (p));

  return line_finish (&line);
}

/* ------------------------------------------------------------------------ */
/* HTML to text */

static gboolean
is_tag (const char         *p,
        const char * const *names,
        guint               n_names)
{
  for (guint i = 0; i < n_names; i++)
    {
      gsize len = strlen (names[i]);

      if (g_ascii_strncasecmp (p, names[i], len) == 0 && !g_ascii_isalnum (p[len]))
        return TRUE;
    }

  return FALSE;
}

/* Finds @needle, case ignored, or the end of @text */
static const char *
find_ascii_case (const char *text,
                 const char *needle)
{
  gsize len = strlen (needle);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, needle, len) == 0)
        return p;
    }

  return text + strlen (text);
}

/* After "&" at @p: the character of an entity and where it ends, or 0 */
static gunichar
read_entity (const char  *p,
             const char **end)
{
  const char *semicolon = p + 1;
  g_autofree char *name = NULL;

  while (*semicolon != '\0' && *semicolon != ';' && semicolon - p < 12)
    semicolon++;
  if (*semicolon != ';' || semicolon == p + 1)
    return 0;

  name = g_strndup (p + 1, semicolon - p - 1);
  *end = semicolon + 1;

  if (name[0] == '#')
    {
      gboolean hex = name[1] == 'x' || name[1] == 'X';
      char *digits_end = NULL;
      guint64 value = g_ascii_strtoull (name + (hex ? 2 : 1), &digits_end, hex ? 16 : 10);

      if (digits_end == name + (hex ? 2 : 1) || *digits_end != '\0' || value > 0x10FFFF ||
          !g_unichar_validate ((gunichar) value))
        return 0;
      return value != 0 ? (gunichar) value : 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (g_str_equal (name, entities[i].name))
        return entities[i].c;
    }

  return 0;
}

/* The text of HTML @html into @line: tags, comments, scripts, styles and
 * the head left out, entities read */
static void
put_html (Line       *line,
          const char *html)
{
  const char *p = html;

  while (*p != '\0' && !line->full)
    {
      if (*p == '<')
        {
          const char *name = p + 1 + (p[1] == '/');

          if (g_str_has_prefix (p, "<!--"))
            {
              const char *close = strstr (p + 4, "-->");

              p = close != NULL ? close + 3 : p + strlen (p);
              continue;
            }

          if (p[1] != '/' && is_tag (name, hidden_tags, G_N_ELEMENTS (hidden_tags)))
            {
              g_autofree char *close = g_strdup_printf ("</%.*s", (int) strcspn (name, " \t\r\n/>"),
                                                        name);

              p = find_ascii_case (name, close);
            }
          else if (is_tag (name, block_tags, G_N_ELEMENTS (block_tags)))
            line_put (line, ' ');

          p = strchr (p, '>');
          if (p == NULL)
            return;
          p++;
          continue;
        }

      if (*p == '&')
        {
          const char *end = NULL;
          gunichar c = read_entity (p, &end);

          if (c != 0)
            {
              line_put (line, c);
              p = end;
              continue;
            }
        }

      line_put (line, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }
}

/* ------------------------------------------------------------------------ */
/* The message */

static void
ensure_gmime (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

/* The first text/@subtype part that is no attachment, in the order
 * of the message: the body, or in multipart/alternative its plain text */
static GMimeTextPart *
find_text_part (GMimeMessage *message,
                const char   *subtype)
{
  GMimePartIter *iter = g_mime_part_iter_new ((GMimeObject *) message);
  GMimeTextPart *found = NULL;

  do
    {
      GMimeObject *part = g_mime_part_iter_get_current (iter);

      if (part != NULL && GMIME_IS_TEXT_PART (part) &&
          !g_mime_part_is_attachment ((GMimePart *) part) &&
          g_mime_content_type_is_type (g_mime_object_get_content_type (part), "text", subtype))
        found = (GMimeTextPart *) part;
    }
  while (found == NULL && g_mime_part_iter_next (iter));

  g_mime_part_iter_free (iter);

  return found;
}

/* Charsets whose text is read from its bytes here: UTF-8 when it is,
 * else Windows-1252. Converted by iconv, UTF-8 that is not would lose
 * its other bytes ("Gre" of "Grüße" in Latin-1), and ISO-8859-1 would
 * give C1 controls for Windows-1252's characters. */
static const char * const own_charsets[] = {
  "utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "iso8859-1", "latin1",
  "windows-1252", "cp1252",
};

/* The text of @part in UTF-8, transfer encoding undone: from its
 * declared charset with GMime (g_mime_text_part_get_text()), or from its
 * bytes for the charsets above and none */
static char *
dup_part_text (GMimeTextPart *part)
{
  const char *charset = g_mime_object_get_content_type_parameter ((GMimeObject *) part,
                                                                  "charset");
  GMimeDataWrapper *content;
  GMimeStream *stream;
  GByteArray *bytes;
  g_autofree char *text = NULL;
  gboolean own = charset == NULL;

  for (guint i = 0; !own && i < G_N_ELEMENTS (own_charsets); i++)
    own = g_ascii_strcasecmp (charset, own_charsets[i]) == 0;

  if (!own)
    {
      text = g_mime_text_part_get_text (part);
      return text != NULL ? to_utf8 (text, -1) : NULL;
    }

  content = g_mime_part_get_content ((GMimePart *) part);
  if (content == NULL)
    return NULL;
  stream = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (content, stream);
  bytes = g_mime_stream_mem_get_byte_array ((GMimeStreamMem *) stream);
  /* up to a NUL, which no text has */
  text = bytes->len > 0
         ? to_utf8 ((const char *) bytes->data, strnlen ((const char *) bytes->data, bytes->len))
         : g_strdup ("");
  g_object_unref (stream);

  return g_steal_pointer (&text);
}

static char *
dup_excerpt (GMimeMessage *message)
{
  GMimeTextPart *part = find_text_part (message, "plain");
  gboolean html = FALSE;
  g_autofree char *text = NULL;
  Line line;

  if (part == NULL)
    {
      part = find_text_part (message, "html");
      html = TRUE;
    }
  if (part == NULL)
    return NULL;

  text = dup_part_text (part);
  if (text == NULL)
    return NULL;

  line_init (&line, KONTOR_EML_EXCERPT_CHARS);
  if (html)
    put_html (&line, text);
  else
    {
      for (const char *p = text; *p != '\0' && !line.full; p = g_utf8_next_char (p))
        line_put (&line, g_utf8_get_char (p));
    }

  return line_finish (&line);
}

/* An address as one word of at most 254 characters (the longest SMTP
 * carries), or %NULL */
static char *
clean_address (InternetAddressMailbox *mailbox)
{
  char *clean = clean_line (internet_address_mailbox_get_addr (mailbox), 254);

  if (clean != NULL && (strchr (clean, ' ') != NULL || g_str_has_suffix (clean, "…")))
    g_clear_pointer (&clean, g_free);

  return clean;
}

static void
add_addresses (GPtrArray           *addresses,
               InternetAddressList *list,
               guint                depth)
{
  int n = list != NULL ? internet_address_list_length (list) : 0;

  for (int i = 0; i < n && addresses->len < KONTOR_EML_MAX_ADDRESSES; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_GROUP (address) && depth < 2)
        add_addresses (addresses,
                       internet_address_group_get_members ((InternetAddressGroup *) address),
                       depth + 1);
      else if (INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          char *clean = clean_address ((InternetAddressMailbox *) address);

          if (clean != NULL)
            g_ptr_array_add (addresses, clean);
        }
    }
}

static GStrv
dup_addresses (InternetAddressList *list)
{
  GPtrArray *addresses = g_ptr_array_new ();

  add_addresses (addresses, list, 0);
  g_ptr_array_add (addresses, NULL);

  return (GStrv) g_ptr_array_free (addresses, FALSE);
}

static gboolean
has_mail_headers (GMimeMessage *message)
{
  for (guint i = 0; i < G_N_ELEMENTS (mail_headers); i++)
    {
      if (g_mime_object_get_header ((GMimeObject *) message, mail_headers[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
take_from (KontorEml           *eml,
           InternetAddressList *list)
{
  int n = list != NULL ? internet_address_list_length (list) : 0;

  for (int i = 0; i < n && eml->from_address == NULL; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      /* the first sender with an address that is one */
      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        eml->from_address = clean_address ((InternetAddressMailbox *) address);
      if (eml->from_address != NULL)
        eml->from_name = clean_line (internet_address_get_name (address),
                                     KONTOR_TEXT_MAX_CHARS - 1);
    }
}

/**
 * kontor_eml_parse:
 * @name: the file's name, for the messages
 * @bytes: what the file holds
 * @error: return location for a #GError
 *
 * Reads an e-mail file (RFC 5322 with MIME): its subject, date, sender,
 * recipients and the start of its text, every text in UTF-8 from the
 * charset the message declares (a body without one, or not in it, as
 * Windows-1252).
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with
 *   %G_IO_ERROR_INVALID_DATA naming @name and what is wrong
 */
KontorEml *
kontor_eml_parse (const char  *name,
                  GBytes      *bytes,
                  GError     **error)
{
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;
  GMimeParserOptions *options;
  const char *fallback[] = { "utf-8", "windows-1252", NULL };
  const char *data;
  GDateTime *date;
  KontorEml *eml;
  gsize size;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a file name, "offer.eml" */
                   _("“%s” is empty."), name);
      return NULL;
    }

  ensure_gmime ();
  options = g_mime_parser_options_new ();
  /* 8-bit headers without encoded words: UTF-8, else Windows-1252 */
  g_mime_parser_options_set_fallback_charsets (options, fallback);
  stream = g_mime_stream_mem_new_with_buffer (data, size);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  message = g_mime_parser_construct_message (parser, options);
  g_mime_parser_options_free (options);
  g_object_unref (parser);
  g_object_unref (stream);

  if (message == NULL || !has_mail_headers (message))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a file name, "offer.eml" */
                   _("“%s” is not an e-mail: it has no headers."), name);
      g_clear_object (&message);
      return NULL;
    }

  eml = g_new0 (KontorEml, 1);
  eml->subject = clean_line (g_mime_message_get_subject (message), KONTOR_TEXT_MAX_CHARS - 1);
  date = g_mime_message_get_date (message);
  if (date != NULL && g_date_time_to_unix (date) > 0)
    eml->date = g_date_time_to_unix (date);
  take_from (eml, g_mime_message_get_from (message));
  eml->to = dup_addresses (g_mime_message_get_to (message));
  eml->cc = dup_addresses (g_mime_message_get_cc (message));
  eml->excerpt = dup_excerpt (message);
  g_object_unref (message);

  return eml;
}

static gboolean
is_mail_file (GFileInfo *info)
{
  const char *type = g_file_info_get_content_type (info);
  const char *name = g_file_info_get_name (info);

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return FALSE;

  return (name != NULL && strlen (name) > 4 &&
          g_ascii_strcasecmp (name + strlen (name) - 4, ".eml") == 0) ||
         (type != NULL && g_content_type_is_a (type, "message/rfc822"));
}

static void
set_too_large (GError     **error,
               const char  *name)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               /* Translators: %s is a file name, "offer.eml"; %u a number of megabytes */
               g_dngettext (GETTEXT_PACKAGE, "“%s” is larger than %u MB.",
                            "“%s” is larger than %u MB.", KONTOR_EML_MAX_MB),
               name, KONTOR_EML_MAX_MB);
}

/* Reads at most KONTOR_EML_MAX_BYTES: the size given before may be
 * stale, or the file a device */
static GBytes *
read_bounded (GFile         *file,
              const char    *name,
              goffset        size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(GByteArray) buffer = NULL;
  gsize chunk = 64 * 1024;

  if (stream == NULL)
    return NULL;

  buffer = g_byte_array_sized_new (MIN (size, KONTOR_EML_MAX_BYTES) + 1);
  for (;;)
    {
      guint old_len = buffer->len;
      gsize n_read = 0;

      g_byte_array_set_size (buffer, old_len + chunk);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer->data + old_len, chunk,
                                    &n_read, cancellable, error))
        return NULL;
      g_byte_array_set_size (buffer, old_len + n_read);

      if (buffer->len > KONTOR_EML_MAX_BYTES)
        {
          set_too_large (error, name);
          return NULL;
        }
      if (n_read < chunk)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * kontor_eml_load:
 * @file: an e-mail file (.eml, message/rfc822)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file with kontor_eml_parse(); a message without a Date gets the
 * file's time. Blocks: call it on a worker thread. A file that is no
 * e-mail file by its name or type, or larger than %KONTOR_EML_MAX_BYTES,
 * is refused before it is read.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with a
 *   #G_IO_ERROR naming the file and what is wrong
 */
KontorEml *
kontor_eml_load (GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) modified = NULL;
  const char *name;
  KontorEml *eml;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  name = g_file_info_get_display_name (info);
  if (!is_mail_file (info))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is a file name, "offer.pdf" */
                   _("“%s” is not an e-mail file (.eml)."), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > KONTOR_EML_MAX_BYTES)
    {
      set_too_large (error, name);
      return NULL;
    }

  bytes = read_bounded (file, name, g_file_info_get_size (info), cancellable, error);
  if (bytes == NULL)
    return NULL;

  eml = kontor_eml_parse (name, bytes, error);
  if (eml != NULL && eml->date == 0 &&
      g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED))
    {
      modified = g_file_info_get_modification_date_time (info);
      eml->date = modified != NULL ? MAX (g_date_time_to_unix (modified), 0) : 0;
    }

  return eml;
}

/**
 * kontor_eml_free:
 * @eml: (nullable): a message
 */
void
kontor_eml_free (KontorEml *eml)
{
  if (eml == NULL)
    return;

  g_free (eml->subject);
  g_free (eml->from_name);
  g_free (eml->from_address);
  g_strfreev (eml->to);
  g_strfreev (eml->cc);
  g_free (eml->excerpt);
  g_free (eml);
}

/**
 * kontor_eml_dup_addresses:
 * @eml: a message
 *
 * Returns: (transfer full): the addresses of its sender, then To, then
 *   Cc: the order in which a contact is looked for
 */
GStrv
kontor_eml_dup_addresses (const KontorEml *eml)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (eml != NULL, NULL);

  if (eml->from_address != NULL)
    g_strv_builder_add (builder, eml->from_address);
  g_strv_builder_addv (builder, (const char **) eml->to);
  g_strv_builder_addv (builder, (const char **) eml->cc);

  return g_strv_builder_end (builder);
}

/* "a@example.com, b@example.com", or %NULL */
static char *
join_addresses (GStrv addresses)
{
  if (addresses == NULL || addresses[0] == NULL)
    return NULL;

  return g_strjoinv (", ", addresses);
}

/**
 * kontor_eml_new_activity:
 * @eml: a message
 * @owner: (nullable): the contact or company it is recorded on
 * @now: the time when the message has none, Unix seconds
 *
 * The e-mail as an activity recorded automatically (feature A7): its
 * subject, its time, and as notes its sender, recipients and excerpt.
 * Such an activity cannot be edited, and only its author deletes it.
 *
 * Returns: (transfer full): a new activity, not stored
 */
KontorActivity *
kontor_eml_new_activity (const KontorEml *eml,
                         KontorRecord    *owner,
                         gint64           now)
{
  KontorActivity *activity;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *to = NULL;
  g_autofree char *cc = NULL;

  g_return_val_if_fail (eml != NULL, NULL);

  activity = kontor_activity_new (KONTOR_ACTIVITY_KIND_EMAIL, owner);
  kontor_activity_set_subject (activity, eml->subject);
  kontor_activity_set_starts_at (activity, eml->date > 0 ? eml->date : now);
  kontor_activity_set_automatic (activity, TRUE);

  if (eml->from_address != NULL)
    {
      g_autofree char *from = eml->from_name != NULL
                              ? g_strdup_printf ("%s <%s>", eml->from_name, eml->from_address)
                              : g_strdup (eml->from_address);

      /* Translators: the sender of an e-mail, "From: Anna Müller <anna@example.com>" */
      g_string_append_printf (notes, _("From: %s"), from);
      g_string_append_c (notes, '\n');
    }
  to = join_addresses (eml->to);
  if (to != NULL)
    {
      /* Translators: the recipients of an e-mail, "To: anna@example.com, ben@example.com" */
      g_string_append_printf (notes, _("To: %s"), to);
      g_string_append_c (notes, '\n');
    }
  cc = join_addresses (eml->cc);
  if (cc != NULL)
    {
      /* Translators: the copies of an e-mail, "Cc: anna@example.com, ben@example.com" */
      g_string_append_printf (notes, _("Cc: %s"), cc);
      g_string_append_c (notes, '\n');
    }
  if (eml->excerpt != NULL)
    {
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      g_string_append (notes, eml->excerpt);
    }
  while (notes->len > 0 && notes->str[notes->len - 1] == '\n')
    g_string_truncate (notes, notes->len - 1);

  kontor_activity_set_notes (activity, notes->len > 0 ? notes->str : NULL);

  return activity;
}
