/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-vcard-source"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-vcard-private.h"

/* KontorVcardSource: the cards of a vCard file, one at a time (features
 * I2, I5, src/README.md "vCard files"). The file is read line by line
 * and split into cards here, not by EVCard, for three reasons: a file of
 * 100,000 cards is never held at once; each card's line is known for the
 * messages; and what EVCard 3.46 gets wrong is put right before it sees
 * a card: QUOTED-PRINTABLE's soft line breaks ("=" at the end of a line),
 * which it leaves in the text, and a CHARSET other than UTF-8 on an
 * unencoded value, which it mangles. Each property line is handed on as
 * plain UTF-8; kontor_vcard_parse_card() does the rest. */

/* Beyond this a line is no contact's text; a picture's line (PHOTO, on
 * one line where a program did not fold it) is skipped up to
 * MAX_PICTURE_BYTES without being held, and beyond that the file is no
 * address book (a 2 GB file without a line break ends there) */
#define MAX_LINE_BYTES (4 * 1024 * 1024)
#define MAX_PICTURE_BYTES (64 * 1024 * 1024)
/* The first bytes looked at for a NUL before anything is read */
#define SNIFF_BYTES 4096

struct _KontorVcardSource
{
  KontorImportSource  parent_instance;

  GFile              *file;
  GBytes             *bytes;

  GBufferedInputStream *stream;
  GInputStream       *raw;         /* the file's own bytes, when converted */
  goffset             position;
  guint               line;        /* physical lines read */
  gboolean            eof;
  gboolean            truncated;   /* the last line was over MAX_LINE_BYTES */

  /* a physical line read ahead to see whether it continues the last */
  char               *ahead;
  guint               ahead_line;

  gboolean            version_21;  /* the current card's VERSION:2.1 */
  guint               pending_begin; /* a BEGIN:VCARD read in the last card */
  guint               cards;       /* cards begun, good or bad */
};

G_DECLARE_FINAL_TYPE (KontorVcardSource, kontor_vcard_source, KONTOR, VCARD_SOURCE,
                      KontorImportSource)
G_DEFINE_FINAL_TYPE (KontorVcardSource, kontor_vcard_source, KONTOR_TYPE_IMPORT_SOURCE)

static const char *
display_name (KontorVcardSource *self)
{
  return kontor_import_source_get_display_name (KONTOR_IMPORT_SOURCE (self));
}

static gboolean
open_stream (KontorVcardSource  *self,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GInputStream) base = NULL;
  g_autoptr(GInputStream) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_clear_object (&self->stream);
  g_clear_pointer (&self->ahead, g_free);
  self->position = 0;
  self->line = 0;
  self->eof = FALSE;
  self->cards = 0;
  self->version_21 = FALSE;
  self->pending_begin = 0;

  if (self->bytes != NULL)
    {
      base = g_memory_input_stream_new_from_bytes (self->bytes);
    }
  else
    {
      base = G_INPUT_STREAM (g_file_read (self->file, cancellable, &local_error));
      if (base == NULL)
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                       /* Translators: %s is a file's name, then the system's reason */
                       _("“%s” cannot be read: %s"), display_name (self),
                       local_error->message);
          return FALSE;
        }
    }

  /* the source's stamp: the plan and the run must read the same file
   * (the file's own stream stays in file, for its position) */
  file = g_steal_pointer (&base);
  base = kontor_import_source_watch_stream (KONTOR_IMPORT_SOURCE (self), file);

  self->stream = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new_sized (base, 64 * 1024));
  g_clear_object (&self->raw);

  /* UTF-16 with a byte order mark, as some Windows programs write .vcf
   * files: converted to UTF-8 as it is read */
  if (g_buffered_input_stream_fill (self->stream, 2, cancellable, &local_error) < 0)
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                   _("“%s” cannot be read: %s"), display_name (self), local_error->message);
      return FALSE;
    }
  else
    {
      gsize available;
      const guchar *bom = g_buffered_input_stream_peek_buffer (self->stream, &available);
      const char *charset = NULL;

      if (available >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
        charset = "UTF-16LE";
      else if (available >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
        charset = "UTF-16BE";
      if (charset != NULL)
        {
          g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", charset,
                                                                            NULL);
          g_autoptr(GInputStream) converted = NULL;

          g_input_stream_skip (G_INPUT_STREAM (self->stream), 2, NULL, NULL);
          converted = g_converter_input_stream_new (G_INPUT_STREAM (self->stream),
                                                    G_CONVERTER (converter));
          self->raw = g_object_ref (file);
          g_clear_object (&self->stream);
          self->stream = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new_sized (converted,
                                                                                     64 * 1024));
        }
    }

  return TRUE;
}

/* The next line of the file without its end (LF or CRLF); %NULL at the
 * end or on @error */
static char *
read_physical_line (KontorVcardSource  *self,
                    guint              *line_no,
                    GError            **error)
{
  g_autoptr(GString) line = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize total = 0;

  if (self->eof)
    return NULL;

  for (;;)
    {
      gsize available;
      const char *buffer = g_buffered_input_stream_peek_buffer (self->stream, &available);
      const char *newline;
      gsize take;

      if (available == 0)
        {
          gssize filled = g_buffered_input_stream_fill (self->stream, -1, NULL, &local_error);

          if (filled < 0)
            {
              g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                           /* Translators: %s is a file's name, %u a line, then the reason */
                           _("“%s” cannot be read after line %u: %s"), display_name (self),
                           self->line, local_error->message);
              return NULL;
            }
          if (filled == 0)
            {
              self->eof = TRUE;
              if (line == NULL)
                return NULL;
              break;
            }
          continue;
        }

      newline = memchr (buffer, '\n', available);
      take = newline != NULL ? (gsize) (newline - buffer) + 1 : available;
      if (line == NULL)
        line = g_string_sized_new (take);
      if (line->len < MAX_LINE_BYTES)
        g_string_append_len (line, buffer, newline != NULL ? take - 1 : take);
      total += take;
      if (total > MAX_PICTURE_BYTES)
        {
          *line_no = ++self->line;
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_TOO_LARGE,
                       /* Translators: %s is a file's name, %u a line, %d a number of megabytes */
                       _("“%s”: line %u is longer than %d MB; that is no contact’s data."),
                       display_name (self), *line_no, MAX_PICTURE_BYTES / (1024 * 1024));
          return NULL;
        }
      if (g_input_stream_skip (G_INPUT_STREAM (self->stream), take, NULL, &local_error) < 0)
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                       _("“%s” cannot be read after line %u: %s"), display_name (self),
                       self->line, local_error->message);
          return NULL;
        }
      self->position += take;
      if (newline != NULL)
        break;
    }

  self->line++;
  *line_no = self->line;

  if (memchr (line->str, '\0', line->len) != NULL)
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_NOT_TEXT,
                   /* Translators: %s is a file's name, %u a line */
                   _("“%s” is not a vCard file: line %u holds binary data."),
                   display_name (self), *line_no);
      return NULL;
    }
  /* only a picture may be longer; read_content_line() says */
  self->truncated = line->len >= MAX_LINE_BYTES;

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* Where a property line's value starts: after the first colon outside a
 * quoted parameter value; %NULL when it has none */
static const char *
find_value (const char *line)
{
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        return p + 1;
    }

  return NULL;
}

/* The parameters of a property line, split at unquoted semicolons;
 * element 0 is the (group and) name */
static GStrv
split_head (const char *line,
            const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start = line;
  const char *end = value != NULL ? value - 1 : line + strlen (line);
  gboolean quoted = FALSE;

  for (const char *p = line; p <= end; p++)
    {
      if (p < end && *p == '"')
        quoted = !quoted;
      if (p == end || (*p == ';' && !quoted))
        {
          g_autofree char *part = g_strndup (start, p - start);

          g_strv_builder_add (builder, part);
          start = p + 1;
        }
    }

  return g_strv_builder_end (builder);
}

/* A parameter as EVCard reads it whole: a value with another "=" outside
 * quotes ("type=a=b") is quoted, as EVCard 3.46 leaks the parameter it
 * starts for the second "=" */
static void
append_param (GString    *out,
              const char *param)
{
  const char *equals = strchr (param, '=');
  gboolean quoted = FALSE;
  gboolean second = FALSE;

  for (const char *p = equals != NULL ? equals + 1 : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '=' && !quoted)
        second = TRUE;
    }

  if (!second)
    {
      g_string_append (out, param);
      return;
    }

  g_string_append_len (out, param, equals - param + 1);
  g_string_append_c (out, '"');
  for (const char *p = equals + 1; *p != '\0'; p++)
    {
      if (*p != '"')
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
is_quoted_printable_param (const char *param)
{
  return g_ascii_strcasecmp (param, "QUOTED-PRINTABLE") == 0 ||
         g_ascii_strcasecmp (param, "ENCODING=QUOTED-PRINTABLE") == 0;
}

static gboolean
is_quoted_printable (const char *line)
{
  g_auto(GStrv) head = split_head (line, find_value (line));

  for (guint i = 1; head[i] != NULL; i++)
    {
      if (is_quoted_printable_param (head[i]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
line_is (const char *line,
         const char *what)
{
  g_autofree char *copy = g_strdup (line);

  return g_ascii_strcasecmp (g_strstrip (copy), what) == 0;
}

/* Properties whose values are pictures or sounds: not read, not held */
static gboolean
is_skipped_property (const char *line)
{
  static const char * const skipped[] = { "PHOTO", "LOGO", "SOUND", "KEY" };
  const char *name = line;
  const char *dot = strchr (line, '.');
  gsize len;

  if (dot != NULL && dot < line + strcspn (line, ";:"))
    name = dot + 1;
  len = strcspn (name, ";:");

  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    {
      if (len == strlen (skipped[i]) && g_ascii_strncasecmp (name, skipped[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The next content line: folded lines joined (3.0, 4.0: a line that
 * starts with a blank continues the last), QUOTED-PRINTABLE's soft line
 * breaks joined (2.1: "=" at the end), pictures dropped; %NULL at the
 * end or on @error */
static char *
read_content_line (KontorVcardSource  *self,
                   guint              *line_no,
                   GError            **error)
{
  g_autoptr(GString) content = NULL;
  g_autofree char *first = NULL;
  gboolean skipped;
  gboolean quoted_printable;

  if (self->ahead != NULL)
    {
      first = g_steal_pointer (&self->ahead);
      *line_no = self->ahead_line;
    }
  else
    {
      first = read_physical_line (self, line_no, error);
      if (first == NULL)
        return NULL;
    }

  skipped = is_skipped_property (first);
  if (self->truncated && !skipped)
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_TOO_LARGE,
                   _("“%s”: line %u is longer than %d MB; that is no contact’s data."),
                   display_name (self), *line_no, MAX_LINE_BYTES / (1024 * 1024));
      return NULL;
    }
  quoted_printable = !skipped && is_quoted_printable (first);
  content = g_string_new (skipped ? NULL : first);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      guint next_no;
      char *next = read_physical_line (self, &next_no, &local_error);

      if (next == NULL)
        {
          if (local_error != NULL)
            {
              /* the line the message names */
              *line_no = self->line;
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          break;
        }

      /* a soft line break, unless the producer put one before END */
      if (quoted_printable && content->len > 0 && content->str[content->len - 1] == '=' &&
          !line_is (next, "END:VCARD"))
        {
          g_string_truncate (content, content->len - 1);
          g_string_append (content, next);
          g_free (next);
        }
      else if (next[0] == ' ' || next[0] == '\t')
        {
          /* 2.1 folds before a blank and keeps it; 3.0 and 4.0 drop one */
          if (!skipped)
            g_string_append (content, self->version_21 ? next : next + 1);
          g_free (next);
        }
      else
        {
          self->ahead = next;
          self->ahead_line = next_no;
          break;
        }

      if (content->len >= MAX_LINE_BYTES)
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_TOO_LARGE,
                       _("“%s”: line %u is longer than %d MB; that is no contact’s data."),
                       display_name (self), *line_no, MAX_LINE_BYTES / (1024 * 1024));
          return NULL;
        }
    }

  return g_string_free (g_steal_pointer (&content), FALSE);
}

static int
hex_value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;

  return -1;
}

/* QUOTED-PRINTABLE's =XX as bytes; a "=" not followed by two hex digits
 * is kept as it is, as mail readers do */
static GString *
decode_quoted_printable (const char *value)
{
  GString *bytes = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '=' && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0)
        {
          g_string_append_c (bytes, (char) (hex_value (p[1]) * 16 + hex_value (p[2])));
          p += 2;
        }
      else
        {
          g_string_append_c (bytes, *p);
        }
    }

  return bytes;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* A property's (group and) name as EVCard takes it without a warning:
 * letters, digits, "-" and "_", one "." after a group */
static gboolean
is_property_name (const char *name)
{
  const char *dot = strchr (name, '.');

  if (dot != NULL && (dot == name || strchr (dot + 1, '.') != NULL))
    return FALSE;
  if (name[0] == '\0' || (dot != NULL && dot[1] == '\0'))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (p != dot && !is_name_char (*p))
        return FALSE;
    }

  return TRUE;
}

/* A parameter EVCard takes without a warning or a leak: a name of
 * letters, digits, "-" and "_", no control character (a lone CR in a
 * value leaks in EVCard 3.46); an ENCODING it knows (QUOTED-PRINTABLE is
 * decoded here) */
static gboolean
is_kept_param (const char *param)
{
  gsize name_len = strcspn (param, "=");

  if (name_len == 0)
    return FALSE;
  for (const char *p = param; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        return FALSE;
    }
  for (gsize i = 0; i < name_len; i++)
    {
      if (!is_name_char (param[i]))
        return FALSE;
    }
  if (g_ascii_strncasecmp (param, "ENCODING=", 9) == 0)
    return g_ascii_strcasecmp (param + 9, "b") == 0 ||
           g_ascii_strcasecmp (param + 9, "BASE64") == 0;

  return !is_quoted_printable_param (param) &&
         g_ascii_strncasecmp (param, "CHARSET=", 8) != 0;
}

/* The value as EVCard reads it without a warning: a line break as "\n",
 * a backslash that escapes nothing EVCard knows as "\\" */
static void
append_value (GString    *out,
              const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\r' || *p == '\n')
        {
          g_string_append (out, "\\n");
        }
      else if (*p == '\\')
        {
          if (p[1] != '\0' && strchr ("nN\\,;", p[1]) != NULL)
            {
              g_string_append_c (out, *p);
              g_string_append_c (out, *++p);
            }
          else
            {
              g_string_append (out, "\\\\");
            }
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }
}

/* One property line as plain UTF-8 for EVCard: QUOTED-PRINTABLE decoded,
 * the CHARSET converted (a value in 8 bits with none is Windows-1252, as
 * old Outlook and phones wrote it), both parameters dropped, and what
 * EVCard 3.46 warns of or leaks on made plain (a name or parameter with
 * other characters, an unknown ENCODING, a stray backslash); %NULL with
 * no @error for a line Kontor cannot take (no colon, no proper name) */
static char *
decode_line (KontorVcardSource  *self,
             const char         *line,
             guint               line_no,
             GError            **error)
{
  const char *value = find_value (line);
  g_auto(GStrv) head = NULL;
  g_autoptr(GString) bytes = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *utf8 = NULL;
  gboolean quoted_printable = FALSE;

  if (value == NULL)
    return NULL;

  head = split_head (line, value);
  if (!is_property_name (head[0]))
    return NULL;
  for (guint i = 1; head[i] != NULL; i++)
    {
      if (is_quoted_printable_param (head[i]))
        quoted_printable = TRUE;
      else if (g_ascii_strncasecmp (head[i], "CHARSET=", 8) == 0 && charset == NULL)
        {
          charset = g_strdup (head[i] + 8);
          g_strstrip (g_strdelimit (charset, "\"", ' '));
        }
    }

  bytes = quoted_printable ? decode_quoted_printable (value) : g_string_new (value);

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0 &&
      g_ascii_strcasecmp (charset, "UTF8") != 0 && g_ascii_strcasecmp (charset, "US-ASCII") != 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *shown = g_utf8_make_valid (charset, MIN (strlen (charset), 40));
      /* ISO-8859-1 as labelled is Windows-1252 in practice (the € as 0x80) */
      const char *from = g_ascii_strcasecmp (charset, "ISO-8859-1") == 0 ? "WINDOWS-1252" : charset;

      utf8 = g_convert (bytes->str, bytes->len, "UTF-8", from, NULL, NULL, &local_error);
      if (utf8 == NULL && g_error_matches (local_error, G_CONVERT_ERROR,
                                           G_CONVERT_ERROR_NO_CONVERSION))
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                       /* Translators: the first %s is a file's name, %u a line, the
                        * last %s a character set as the file names it */
                       _("“%s”, line %u: unknown character set “%s”."),
                       display_name (self), line_no, shown);
          return NULL;
        }
      if (utf8 == NULL || !g_utf8_validate (utf8, -1, NULL))
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                       /* Translators: the first %s is a file's name, %u a line, the
                        * last %s a character set ("ISO-8859-1") */
                       _("“%s”, line %u: the text is not in the character set “%s” it names."),
                       display_name (self), line_no, shown);
          return NULL;
        }
    }
  else if (g_utf8_validate_len (bytes->str, bytes->len, NULL))
    {
      utf8 = g_strndup (bytes->str, bytes->len);
    }
  else if (charset != NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (charset, MIN (strlen (charset), 40));

      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                   _("“%s”, line %u: the text is not in the character set “%s” it names."),
                   display_name (self), line_no, shown);
      return NULL;
    }
  else
    {
      utf8 = g_convert (bytes->str, bytes->len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
      if (utf8 == NULL)
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                       /* Translators: %s is a file's name, %u a line */
                       _("“%s”, line %u: the text is in no character set Kontor reads."),
                       display_name (self), line_no);
          return NULL;
        }
    }

  out = g_string_new (head[0]);
  for (guint i = 1; head[i] != NULL; i++)
    {
      g_autofree char *param = NULL;

      if (!is_kept_param (head[i]))
        continue;
      param = g_utf8_make_valid (head[i], -1);
      g_string_append_c (out, ';');
      append_param (out, param);
    }
  g_string_append_c (out, ':');
  append_value (out, utf8);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
kontor_vcard_source_rewind (KontorImportSource  *source,
                            GError             **error)
{
  return open_stream (KONTOR_VCARD_SOURCE (source), NULL, error);
}

static goffset
kontor_vcard_source_get_position (KontorImportSource *source)
{
  KontorVcardSource *self = KONTOR_VCARD_SOURCE (source);

  /* a converted file: how far into the file's own bytes */
  if (self->raw != NULL && G_IS_SEEKABLE (self->raw))
    return g_seekable_tell (G_SEEKABLE (self->raw));

  return self->position;
}

static KontorContact *
kontor_vcard_source_next (KontorImportSource  *source,
                          guint               *line,
                          GError             **error)
{
  KontorVcardSource *self = KONTOR_VCARD_SOURCE (source);
  g_autoptr(GString) card = NULL;
  g_autoptr(GError) card_error = NULL;
  guint begin_line = 0;
  guint depth = 0;
  gboolean after_agent = FALSE;
  g_autoptr(KontorContact) contact = NULL;

  if (self->stream == NULL && !open_stream (self, NULL, error))
    return NULL;

  /* the card whose BEGIN ended the last one */
  if (self->pending_begin != 0)
    {
      card = g_string_new ("BEGIN:VCARD\r\n");
      begin_line = self->pending_begin;
      self->pending_begin = 0;
      self->cards++;
      self->version_21 = FALSE;
    }

  for (;;)
    {
      guint line_no = 0;
      g_autoptr(GError) read_error = NULL;
      g_autofree char *content = read_content_line (self, &line_no, &read_error);

      if (content == NULL)
        {
          if (read_error != NULL)
            {
              *line = line_no;
              g_propagate_error (error, g_steal_pointer (&read_error));
              return NULL;
            }
          if (card != NULL)
            {
              *line = begin_line;
              g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_SYNTAX,
                           /* Translators: %s is a file's name, %u a line */
                           _("“%s” ends inside the card that starts on line %u: "
                             "END:VCARD is missing. The file may have been cut off; "
                             "nothing is imported."),
                           display_name (self), begin_line);
              return NULL;
            }
          if (self->cards == 0)
            {
              g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY,
                           /* Translators: %s is a file's name */
                           _("“%s” holds no vCard."), display_name (self));
              return NULL;
            }
          return NULL;
        }

      if (card == NULL)
        {
          const char *text = content;

          /* a byte order mark before the first card */
          if (line_no == 1 && g_str_has_prefix (text, "\xEF\xBB\xBF"))
            text += 3;
          if (line_is (text, ""))
            continue;
          if (!line_is (text, "BEGIN:VCARD"))
            {
              if (self->cards == 0)
                {
                  *line = line_no;
                  g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_SYNTAX,
                               /* Translators: %s is a file's name, %u a line */
                               _("“%s” is not a vCard file: line %u should be BEGIN:VCARD."),
                               display_name (self), line_no);
                  return NULL;
                }
              /* what a program left between two cards */
              continue;
            }
          card = g_string_new ("BEGIN:VCARD\r\n");
          begin_line = line_no;
          self->cards++;
          self->version_21 = FALSE;
          continue;
        }

      if (line_is (content, "BEGIN:VCARD"))
        {
          /* 2.1's AGENT holds a card of its own */
          if (after_agent || depth > 0)
            {
              depth++;
              continue;
            }
          /* the last card never ended: it is bad, this one starts */
          self->pending_begin = line_no;
          *line = begin_line;
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                       /* Translators: %s is a file's name, the %u are lines */
                       _("“%s”, line %u: the card has no END:VCARD before the next card "
                         "on line %u."),
                       display_name (self), begin_line, line_no);
          return NULL;
        }

      if (line_is (content, "END:VCARD"))
        {
          if (depth > 0)
            {
              depth--;
              continue;
            }
          break;
        }

      after_agent = FALSE;
      if (depth > 0)
        continue;

      if (g_ascii_strncasecmp (content, "AGENT", 5) == 0 && find_value (content) != NULL &&
          line_is (find_value (content), ""))
        {
          after_agent = TRUE;
          continue;
        }
      if (line_is (content, "VERSION:2.1"))
        self->version_21 = TRUE;

      if (card_error == NULL && content[0] != '\0')
        {
          g_autofree char *decoded = decode_line (self, content, line_no, &card_error);

          if (decoded != NULL)
            {
              g_string_append (card, decoded);
              g_string_append (card, "\r\n");
            }
        }
    }

  *line = begin_line;
  if (card_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&card_error));
      return NULL;
    }

  g_string_append (card, "END:VCARD\r\n");
  contact = kontor_vcard_parse_card (card->str);
  if (contact == NULL)
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_ROW,
                   /* Translators: %s is a file's name, %u a line */
                   _("“%s”, line %u: the card has no name, company or e-mail address."),
                   display_name (self), begin_line);
      return NULL;
    }

  return g_steal_pointer (&contact);
}

static void
kontor_vcard_source_finalize (GObject *object)
{
  KontorVcardSource *self = KONTOR_VCARD_SOURCE (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->stream);
  g_clear_object (&self->raw);
  g_free (self->ahead);

  G_OBJECT_CLASS (kontor_vcard_source_parent_class)->finalize (object);
}

static void
kontor_vcard_source_class_init (KontorVcardSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KontorImportSourceClass *source_class = KONTOR_IMPORT_SOURCE_CLASS (klass);

  object_class->finalize = kontor_vcard_source_finalize;
  source_class->rewind = kontor_vcard_source_rewind;
  source_class->next = kontor_vcard_source_next;
  source_class->get_position = kontor_vcard_source_get_position;
}

static void
kontor_vcard_source_init (KontorVcardSource *self)
{
}

/* Before the first card: an empty file, or one that is not text */
static gboolean
sniff (KontorVcardSource  *self,
       GCancellable       *cancellable,
       GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize filled;
  gsize available;
  const char *buffer;

  filled = g_buffered_input_stream_fill (self->stream, SNIFF_BYTES, cancellable, &local_error);
  if (filled < 0)
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                   _("“%s” cannot be read: %s"), display_name (self), local_error->message);
      return FALSE;
    }

  buffer = g_buffered_input_stream_peek_buffer (self->stream, &available);
  if (available == 0)
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY,
                   /* Translators: %s is a file's name */
                   _("“%s” is empty."), display_name (self));
      return FALSE;
    }
  if (memchr (buffer, '\0', available) != NULL)
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_NOT_TEXT,
                   /* Translators: %s is a file's name */
                   _("“%s” is not a vCard file: it holds binary data, not text."),
                   display_name (self));
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_vcard_source_new:
 * @file: a vCard file (.vcf), 2.1, 3.0 or 4.0, one card or many
 * @cancellable: (nullable): cancels the opening
 * @error: return location for a #GError in %KONTOR_IMPORT_ERROR
 *
 * Opens @file for an import. Its cards come one at a time from
 * kontor_import_source_next(), each with the line of its BEGIN:VCARD.
 * A card that cannot be read (an unknown CHARSET, no name) is
 * %KONTOR_IMPORT_ERROR_ROW; a file that ends inside a card is
 * %KONTOR_IMPORT_ERROR_SYNTAX, and the import takes none of it.
 *
 * Returns: (transfer full) (nullable): the source; %NULL when the file
 *   cannot be read, is empty or is not text
 */
KontorImportSource *
kontor_vcard_source_new (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(KontorVcardSource) self = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (kontor_vcard_source_get_type (), NULL);
  self->file = g_object_ref (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  name = info != NULL ? g_strdup (g_file_info_get_display_name (info))
                      : g_file_get_basename (file);
  kontor_import_source_set_display_name (KONTOR_IMPORT_SOURCE (self), name);
  if (info != NULL)
    kontor_import_source_set_size (KONTOR_IMPORT_SOURCE (self), g_file_info_get_size (info));

  if (!open_stream (self, cancellable, error) || !sniff (self, cancellable, error))
    return NULL;

  return KONTOR_IMPORT_SOURCE (g_steal_pointer (&self));
}

/**
 * kontor_vcard_source_new_for_bytes:
 * @bytes: a vCard file's content
 * @display_name: the name messages give it
 *
 * Returns: (transfer full): a source over @bytes; an empty or binary
 *   @bytes gives its error at the first kontor_import_source_next()
 */
KontorImportSource *
kontor_vcard_source_new_for_bytes (GBytes     *bytes,
                                   const char *display_name)
{
  KontorVcardSource *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (kontor_vcard_source_get_type (), NULL);
  self->bytes = g_bytes_ref (bytes);
  kontor_import_source_set_display_name (KONTOR_IMPORT_SOURCE (self), display_name);
  kontor_import_source_set_size (KONTOR_IMPORT_SOURCE (self), g_bytes_get_size (bytes));

  return KONTOR_IMPORT_SOURCE (self);
}
