/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-csv"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <uchardet.h>

#include "kontor-csv.h"
#include "kontor-csv-private.h"

/* The reader of CSV files (src/README.md "CSV files"). The file is read in
 * chunks: its bytes decoded into UTF-8 by the small decoders below (the
 * four encodings Kontor reads, no iconv state to carry over a chunk's end),
 * the decoded text cut into rows by a state machine over its bytes — the
 * separators, quotes and line ends are all ASCII, so a cut never falls
 * inside a character. Only the row being read and one chunk are held. */

#define CHUNK_BYTES (64 * 1024)
/* Rows of the sample that decide the separator */
#define SAMPLE_ROWS 20

struct _KontorCsvReader
{
  GFile             *file;
  GBytes            *bytes;
  char              *display_name;
  GCancellable      *cancellable;

  KontorCsvEncoding  encoding;
  char               separator;
  gboolean           needs_rewind;
  KontorImportSource *watcher;  /* the source reading it, not a reference */

  GInputStream      *stream;
  goffset            size;
  goffset            raw_read;
  gboolean           eof;
  GByteArray        *pending;   /* bytes read, not decoded yet */
  GString           *text;      /* decoded text */
  gsize              pos;       /* the next byte of text to cut */
  guint              line;      /* the physical line of text[pos], from 1 */

  guint8             plain[256]; /* bytes with no meaning to the cutter */
};

static const char * const encoding_labels[] = {
  [KONTOR_CSV_ENCODING_UTF8] = N_("Unicode (UTF-8)"),
  [KONTOR_CSV_ENCODING_UTF16LE] = N_("Unicode (UTF-16 little endian)"),
  [KONTOR_CSV_ENCODING_UTF16BE] = N_("Unicode (UTF-16 big endian)"),
  [KONTOR_CSV_ENCODING_WINDOWS_1252] = N_("Western European (Windows-1252)"),
};

/**
 * kontor_csv_encoding_get_label:
 * @encoding: an encoding
 *
 * Returns: its translated name, as the import dialog offers it
 */
const char *
kontor_csv_encoding_get_label (KontorCsvEncoding encoding)
{
  g_return_val_if_fail (encoding < KONTOR_CSV_N_ENCODINGS, NULL);

  return _(encoding_labels[encoding]);
}

/* Windows-1252's bytes 0x80–0x9f; the five it leaves undefined are read
 * as the C1 controls of the same number, as the WHATWG encoding standard
 * does */
static const gunichar cp1252_high[32] = {
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

/* Decodes as much of @data as forms whole characters, appending UTF-8 to
 * @out; at the end of the file (@last) a partial character too, as
 * U+FFFD. Bytes that are no character become U+FFFD, so the text is
 * always valid UTF-8. Returns the bytes used. */
static gsize
decode (KontorCsvEncoding  encoding,
        const guint8      *data,
        gsize              len,
        gboolean           last,
        GString           *out)
{
  gsize i = 0;

  switch (encoding)
    {
    case KONTOR_CSV_ENCODING_WINDOWS_1252:
      for (i = 0; i < len; i++)
        {
          guint8 b = data[i];

          if (b < 0x80)
            g_string_append_c (out, (char) b);
          else if (b < 0xa0)
            g_string_append_unichar (out, cp1252_high[b - 0x80]);
          else
            g_string_append_unichar (out, b);
        }
      return len;

    case KONTOR_CSV_ENCODING_UTF8:
      while (i < len)
        {
          const char *start = (const char *) data + i;
          const char *end = NULL;
          gunichar c;

          g_utf8_validate_len (start, len - i, &end);
          g_string_append_len (out, start, end - start);
          i += end - start;
          if (i >= len)
            break;

          c = g_utf8_get_char_validated ((const char *) data + i, len - i);
          if (c == (gunichar) -2 && !last)
            break;      /* a character cut by the chunk's end */
          if (data[i] == 0)
            {
              g_string_append_c (out, '\0');     /* the cutter refuses it */
              i++;
              continue;
            }
          g_string_append (out, "\xef\xbf\xbd");
          i++;
        }
      return i;

    case KONTOR_CSV_ENCODING_UTF16LE:
    case KONTOR_CSV_ENCODING_UTF16BE:
      {
        gboolean le = encoding == KONTOR_CSV_ENCODING_UTF16LE;

        while (i + 1 < len)
          {
            gunichar u = le ? (data[i] | data[i + 1] << 8) : (data[i] << 8 | data[i + 1]);

            if (u >= 0xd800 && u < 0xdc00)
              {
                gunichar low;

                if (i + 3 >= len)
                  {
                    if (!last)
                      break;
                    g_string_append (out, "\xef\xbf\xbd");
                    i += 2;
                    continue;
                  }
                low = le ? (data[i + 2] | data[i + 3] << 8) : (data[i + 2] << 8 | data[i + 3]);
                if (low >= 0xdc00 && low < 0xe000)
                  {
                    g_string_append_unichar (out, 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00));
                    i += 4;
                    continue;
                  }
                g_string_append (out, "\xef\xbf\xbd");
                i += 2;
                continue;
              }
            if (u >= 0xdc00 && u < 0xe000)
              g_string_append (out, "\xef\xbf\xbd");
            else if (u == 0)
              g_string_append_c (out, '\0');
            else
              g_string_append_unichar (out, u);
            i += 2;
          }
        if (last && i < len)
          {
            g_string_append (out, "\xef\xbf\xbd");
            i = len;
          }
        return i;
      }

    case KONTOR_CSV_N_ENCODINGS:
    default:
      g_assert_not_reached ();
    }
}

static gsize
bom_length (KontorCsvEncoding  encoding,
            const guint8      *data,
            gsize              len)
{
  switch (encoding)
    {
    case KONTOR_CSV_ENCODING_UTF8:
      return len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf ? 3 : 0;
    case KONTOR_CSV_ENCODING_UTF16LE:
      return len >= 2 && data[0] == 0xff && data[1] == 0xfe ? 2 : 0;
    case KONTOR_CSV_ENCODING_UTF16BE:
      return len >= 2 && data[0] == 0xfe && data[1] == 0xff ? 2 : 0;
    case KONTOR_CSV_ENCODING_WINDOWS_1252:
    case KONTOR_CSV_N_ENCODINGS:
    default:
      return 0;
    }
}

/* UTF-16 without a byte order mark, which uchardet does not recognise:
 * Western text in it has a NUL as the high byte of nearly every character
 * (every other byte), and seldom the other byte NUL. A binary file has its
 * NULs at both (and is refused as such after decoding, as its text then
 * holds control characters). */
static gboolean
guess_utf16 (const guint8      *data,
             gsize              len,
             KontorCsvEncoding *encoding)
{
  gsize pairs = len / 2, nul_even = 0, nul_odd = 0;

  if (pairs < 2)
    return FALSE;
  for (gsize i = 0; i + 1 < len; i += 2)
    {
      nul_even += data[i] == 0;
      nul_odd += data[i + 1] == 0;
    }

  if (nul_odd * 2 >= pairs && nul_even * 20 < pairs)
    *encoding = KONTOR_CSV_ENCODING_UTF16LE;
  else if (nul_even * 2 >= pairs && nul_odd * 20 < pairs)
    *encoding = KONTOR_CSV_ENCODING_UTF16BE;
  else
    return FALSE;

  return TRUE;
}

/* The encoding of a file from its first bytes: a byte order mark, else
 * UTF-8 when they are valid UTF-8 (ASCII included), else UTF-16 when
 * every other byte is NUL, else uchardet's guess. Of its answers, only UTF-16 is taken as such; everything else
 * that is not UTF-8 is read as Windows-1252, the encoding of Excel and
 * Outlook on a Western European Windows, which reads every byte — the
 * user corrects it in the preview when the guess is wrong. */
static KontorCsvEncoding
guess_encoding (const guint8 *data,
                gsize         len,
                gboolean      whole_file)
{
  const char *end = NULL;
  const char *charset;
  KontorCsvEncoding encoding = KONTOR_CSV_ENCODING_WINDOWS_1252;
  uchardet_t detector;

  for (KontorCsvEncoding e = 0; e < KONTOR_CSV_N_ENCODINGS; e++)
    {
      if (bom_length (e, data, len) > 0)
        return e;
    }

  if (g_utf8_validate_len ((const char *) data, len, &end))
    return KONTOR_CSV_ENCODING_UTF8;
  /* a sample may end inside a character */
  if (!whole_file && len - (gsize) (end - (const char *) data) < 4 &&
      g_utf8_get_char_validated (end, len - (end - (const char *) data)) == (gunichar) -2)
    return KONTOR_CSV_ENCODING_UTF8;
  if (guess_utf16 (data, len, &encoding))
    return encoding;

  detector = uchardet_new ();
  if (uchardet_handle_data (detector, (const char *) data, len) == 0)
    {
      uchardet_data_end (detector);
      charset = uchardet_get_charset (detector);
      if (g_ascii_strcasecmp (charset, "UTF-16LE") == 0)
        encoding = KONTOR_CSV_ENCODING_UTF16LE;
      else if (g_ascii_strcasecmp (charset, "UTF-16BE") == 0 ||
               g_ascii_strcasecmp (charset, "UTF-16") == 0)
        encoding = KONTOR_CSV_ENCODING_UTF16BE;
    }
  uchardet_delete (detector);

  return encoding;
}

static void
update_plain (KontorCsvReader *self)
{
  for (guint b = 0; b < 256; b++)
    self->plain[b] = b >= 0x20 || b == '\t';
  self->plain['"'] = FALSE;
  self->plain[(guint8) self->separator] = FALSE;
}

/* Counts the fields of the first rows of @text, cut at @separator */
static guint
count_fields (const char *text,
              gsize       len,
              gboolean    whole,
              char        separator,
              guint      *counts,
              guint       max_rows)
{
  guint n_rows = 0;
  guint fields = 1;
  gboolean quoted = FALSE;
  gboolean row_has_text = FALSE;

  for (gsize i = 0; i < len && n_rows < max_rows; i++)
    {
      char c = text[i];

      if (quoted)
        {
          if (c == '"')
            quoted = FALSE;     /* a doubled quote reopens at once */
          continue;
        }
      if (c == '"')
        quoted = TRUE, row_has_text = TRUE;
      else if (c == separator)
        fields++, row_has_text = TRUE;
      else if (c == '\n' || c == '\r')
        {
          if (row_has_text)
            counts[n_rows++] = fields;
          fields = 1;
          row_has_text = FALSE;
        }
      else
        row_has_text = TRUE;
    }
  if (whole && row_has_text && !quoted && n_rows < max_rows)
    counts[n_rows++] = fields;

  return n_rows;
}

/* The separator whose field count is the same in most of the first rows,
 * the header's count deciding a tie; a comma when none cuts anything */
static char
guess_separator (const char *text,
                 gsize       len,
                 gboolean    whole)
{
  static const char candidates[] = { ';', ',', '\t' };
  char best = ',';
  guint best_same = 0, best_fields = 1;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint counts[SAMPLE_ROWS];
      guint n_rows = count_fields (text, len, whole, candidates[c], counts, SAMPLE_ROWS);
      guint same = 0;

      if (n_rows == 0 || counts[0] < 2)
        continue;
      for (guint i = 0; i < n_rows; i++)
        same += counts[i] == counts[0];
      if (same > best_same || (same == best_same && counts[0] > best_fields))
        {
          best = candidates[c];
          best_same = same;
          best_fields = counts[0];
        }
    }

  return best;
}

/* A control character no text file holds (all but tab, the line ends, VT
 * and FF): a spreadsheet or an image renamed .csv */
static gboolean
is_binary (guint8 b)
{
  return b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\v' && b != '\f';
}

static gboolean
set_not_text_error (KontorCsvReader  *self,
                    guint             line,
                    GError          **error)
{
  g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_NOT_TEXT,
               _("“%s” is not a text file (line %u holds binary data). "
                 "Is it a spreadsheet? Save it as CSV first."),
               self->display_name, line);

  return FALSE;
}

static void
close_stream (KontorCsvReader *self)
{
  g_clear_object (&self->stream);
  g_byte_array_set_size (self->pending, 0);
  g_string_truncate (self->text, 0);
  self->pos = 0;
  self->line = 1;
  self->raw_read = 0;
  self->eof = FALSE;
}

static gboolean
set_read_error (KontorCsvReader  *self,
                GError           *io_error,
                GError          **error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, io_error);
  else if (self->raw_read == 0)
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                   _("“%s” cannot be read: %s"), self->display_name, io_error->message);
      g_error_free (io_error);
    }
  else
    {
      g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                   _("“%s” cannot be read beyond line %u: %s"),
                   self->display_name, self->line, io_error->message);
      g_error_free (io_error);
    }

  return FALSE;
}

/* Reads up to @want bytes into pending; at the end of the file checks
 * that it was as long as when it was opened */
static gboolean
read_raw (KontorCsvReader  *self,
          gsize             want,
          GError          **error)
{
  GError *local_error = NULL;
  gsize old_len = self->pending->len;
  gsize got = 0;

  g_byte_array_set_size (self->pending, old_len + want);
  if (!g_input_stream_read_all (self->stream, self->pending->data + old_len, want, &got,
                                self->cancellable, &local_error))
    {
      g_byte_array_set_size (self->pending, old_len);
      return set_read_error (self, local_error, error);
    }
  g_byte_array_set_size (self->pending, old_len + got);
  self->raw_read += got;

  if (got < want)
    {
      self->eof = TRUE;
      if (self->size > 0 && self->raw_read < self->size)
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
                       _("“%s” became shorter while it was read, after line %u."),
                       self->display_name, self->line);
          return FALSE;
        }
    }

  return TRUE;
}

static void
decode_pending (KontorCsvReader *self)
{
  gsize used = decode (self->encoding, self->pending->data, self->pending->len,
                       self->eof, self->text);

  g_byte_array_remove_range (self->pending, 0, used);
}

/* Opens the file (again) and reads its first bytes; the first time,
 * guesses the encoding and the separator from them */
static gboolean
open_stream (KontorCsvReader  *self,
             gboolean          guess,
             GError          **error)
{
  GError *local_error = NULL;
  gsize bom;

  close_stream (self);
  self->needs_rewind = FALSE;

  if (self->bytes != NULL)
    {
      self->stream = g_memory_input_stream_new_from_bytes (self->bytes);
      self->size = g_bytes_get_size (self->bytes);
    }
  else
    {
      g_autoptr(GFileInfo) info = NULL;
      GFileInputStream *stream = g_file_read (self->file, self->cancellable, &local_error);

      if (stream == NULL)
        return set_read_error (self, local_error, error);
      self->stream = G_INPUT_STREAM (stream);
      info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                             self->cancellable, NULL);
      self->size = info != NULL ? g_file_info_get_size (info) : 0;
    }

  /* the source's stamp: the plan and the run must read the same file */
  if (self->watcher != NULL)
    {
      GInputStream *watched = kontor_import_source_watch_stream (self->watcher, self->stream);

      g_object_unref (self->stream);
      self->stream = watched;
    }

  if (!read_raw (self, KONTOR_CSV_SAMPLE_BYTES, error))
    return FALSE;

  if (guess)
    self->encoding = guess_encoding (self->pending->data, self->pending->len, self->eof);

  bom = bom_length (self->encoding, self->pending->data, self->pending->len);
  g_byte_array_remove_range (self->pending, 0, bom);
  decode_pending (self);

  if (guess)
    {
      const char *text = self->text->str;
      const char *p;

      /* binary data shows in the first bytes: a spreadsheet, an image */
      for (p = text; p < text + self->text->len; p++)
        {
          if (is_binary ((guint8) *p))
            {
              guint line = 1;

              /* lines as the cutter counts them: CRLF, LF or a lone CR */
              for (const char *q = text; q < p; q++)
                line += *q == '\n' || (*q == '\r' && q[1] != '\n');
              return set_not_text_error (self, line, error);
            }
        }

      /* only blanks: empty when that is the whole file */
      if (self->eof && strspn (text, " \t\r\n\v\f") == self->text->len)
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_EMPTY,
                       _("“%s” is empty: it holds no rows."), self->display_name);
          return FALSE;
        }

      self->separator = guess_separator (text, self->text->len, self->eof);
      update_plain (self);
    }

  return TRUE;
}

/* For KontorCsvSource: the bytes read from now on go into @source's stamp */
void
_kontor_csv_reader_set_watcher (KontorCsvReader    *self,
                                KontorImportSource *source)
{
  self->watcher = source;
}

static KontorCsvReader *
reader_new (GFile         *file,
            GBytes        *bytes,
            const char    *display_name,
            GCancellable  *cancellable,
            GError       **error)
{
  KontorCsvReader *self = g_new0 (KontorCsvReader, 1);

  self->file = file != NULL ? g_object_ref (file) : NULL;
  self->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  self->display_name = g_strdup (display_name);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->pending = g_byte_array_new ();
  self->text = g_string_new (NULL);
  self->separator = ',';
  self->line = 1;

  if (!open_stream (self, TRUE, error))
    {
      kontor_csv_reader_free (self);
      return NULL;
    }

  return self;
}

/**
 * kontor_csv_reader_new:
 * @file: a CSV file
 * @cancellable: (nullable): cancels the reads, this and every later one
 *   (they fail with %G_IO_ERROR_CANCELLED)
 * @error: return location for a #GError in %KONTOR_IMPORT_ERROR, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Opens @file and guesses its encoding and separator from its first
 * 64 KiB. The first kontor_csv_reader_read_row() gives the header.
 *
 * Returns: (transfer full) (nullable): the reader, %NULL when the file
 *   cannot be read, is empty or is not text
 */
KontorCsvReader *
kontor_csv_reader_new (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  basename = g_file_get_basename (file);
  display_name = basename != NULL ? g_filename_display_name (basename)
                                  : g_file_get_parse_name (file);

  return reader_new (file, NULL, display_name, cancellable, error);
}

KontorCsvReader *
kontor_csv_reader_new_for_bytes (GBytes      *bytes,
                                 const char  *display_name,
                                 GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return reader_new (NULL, bytes, display_name, NULL, error);
}

void
kontor_csv_reader_free (KontorCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->cancellable);
  g_byte_array_unref (self->pending);
  g_string_free (self->text, TRUE);
  g_free (self->display_name);
  g_free (self);
}

/**
 * kontor_csv_reader_get_display_name:
 * @self: a reader
 *
 * Returns: the file's name as messages give it
 */
const char *
kontor_csv_reader_get_display_name (KontorCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display_name;
}

/**
 * kontor_csv_reader_get_size:
 * @self: a reader
 *
 * Returns: the file's size in bytes when it was last opened, 0 when unknown
 */
goffset
kontor_csv_reader_get_size (KontorCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

/**
 * kontor_csv_reader_get_position:
 * @self: a reader
 *
 * Returns: the bytes of the file read so far (up to a chunk ahead of the
 *   rows given), for progress against kontor_csv_reader_get_size()
 */
goffset
kontor_csv_reader_get_position (KontorCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->raw_read;
}

KontorCsvEncoding
kontor_csv_reader_get_encoding (KontorCsvReader *self)
{
  g_return_val_if_fail (self != NULL, KONTOR_CSV_ENCODING_UTF8);

  return self->encoding;
}

/**
 * kontor_csv_reader_set_encoding:
 * @self: a reader
 * @encoding: the encoding the user chose
 *
 * Corrects the guessed encoding. The next kontor_csv_reader_read_row()
 * starts over at the header, reading the file again in @encoding.
 */
void
kontor_csv_reader_set_encoding (KontorCsvReader   *self,
                                KontorCsvEncoding  encoding)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (encoding < KONTOR_CSV_N_ENCODINGS);

  self->encoding = encoding;
  self->needs_rewind = TRUE;
}

char
kontor_csv_reader_get_separator (KontorCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');

  return self->separator;
}

/**
 * kontor_csv_reader_set_separator:
 * @self: a reader
 * @separator: ',', ';' or '\t' (any ASCII punctuation works)
 *
 * Corrects the guessed separator. The next kontor_csv_reader_read_row()
 * starts over at the header.
 */
void
kontor_csv_reader_set_separator (KontorCsvReader *self,
                                 char             separator)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (separator != '"' && separator != '\r' && separator != '\n' &&
                    separator != '\0' && (guint8) separator < 0x80);

  self->separator = separator;
  update_plain (self);
  self->needs_rewind = TRUE;
}

/**
 * kontor_csv_reader_rewind:
 * @self: a reader
 * @error: return location for a #GError in %KONTOR_IMPORT_ERROR
 *
 * Starts over at the header, opening the file again (it may have changed
 * or vanished since), with the encoding and separator kept.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_csv_reader_rewind (KontorCsvReader  *self,
                          GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return open_stream (self, FALSE, error);
}

/* Makes sure text[pos] exists; FALSE at the end of the file or on an
 * error (set) */
static gboolean
fill (KontorCsvReader  *self,
      gboolean         *failed,
      GError          **error)
{
  while (self->pos >= self->text->len)
    {
      if (self->eof && self->pending->len == 0)
        return FALSE;

      if (self->pos > 0)
        {
          g_string_erase (self->text, 0, self->pos);
          self->pos = 0;
        }
      if (!self->eof && !read_raw (self, CHUNK_BYTES, error))
        {
          *failed = TRUE;
          return FALSE;
        }
      decode_pending (self);
    }

  return TRUE;
}

/* After a CR: takes the LF of a CRLF, also across a chunk's end. FALSE
 * on a read error (set). */
static gboolean
skip_lf_after_cr (KontorCsvReader  *self,
                  GError          **error)
{
  gboolean failed = FALSE;

  if (!fill (self, &failed, error))
    return !failed;
  if (self->text->str[self->pos] == '\n')
    self->pos++;

  return TRUE;
}

/**
 * kontor_csv_reader_read_row:
 * @self: a reader
 * @line: (out) (optional): the line where the row starts, from 1
 * @error: return location for a #GError in %KONTOR_IMPORT_ERROR
 *
 * Reads the next row, skipping empty lines. A field's line breaks (CRLF,
 * CR or LF, inside quotes) come out as LF. A quote that opens a field
 * quotes it; one inside an unquoted field, or text after a closing quote,
 * is kept as it is, as Excel reads it.
 *
 * Returns: (transfer full) (nullable): the row's fields, valid UTF-8;
 *   %NULL at the end without @error, or on an error, which ends the read
 */
GStrv
kontor_csv_reader_read_row (KontorCsvReader  *self,
                            guint            *line,
                            GError          **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = NULL;
  gboolean failed = FALSE;
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  gsize row_bytes = 0;  /* of the fields before this one */
  guint row_line;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (line != NULL)
    *line = 0;

  if (self->needs_rewind && !open_stream (self, FALSE, error))
    return NULL;

  /* empty lines */
  for (;;)
    {
      char c;

      if (!fill (self, &failed, error))
        return NULL;
      c = self->text->str[self->pos];
      if (c != '\r' && c != '\n')
        break;
      self->pos++;
      if (c == '\r' && !skip_lf_after_cr (self, error))
        return NULL;
      self->line++;
    }

  row_line = self->line;
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);

  for (;;)
    {
      const guint8 *text;
      guint8 c;

      if (!fill (self, &failed, error))
        {
          if (failed)
            return NULL;
          if (quoted)
            {
              g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_SYNTAX,
                           _("“%s”, line %u: a quoted field is never closed; the file ends inside it."),
                           self->display_name, row_line);
              return NULL;
            }
          break;
        }

      text = (const guint8 *) self->text->str;

      /* a run of ordinary bytes at once */
      if (self->plain[text[self->pos]])
        {
          gsize end = self->pos + 1;

          while (end < self->text->len && self->plain[text[end]])
            end++;
          g_string_append_len (field, (const char *) text + self->pos, end - self->pos);
          self->pos = end;
        }
      else
        {
          c = text[self->pos++];

          if (is_binary (c))
            {
              set_not_text_error (self, self->line, error);
              return NULL;
            }

          if (quoted)
            {
              if (c == '"')
                {
                  if (!fill (self, &failed, error) && failed)
                    return NULL;
                  if (self->pos < self->text->len && self->text->str[self->pos] == '"')
                    {
                      g_string_append_c (field, '"');
                      self->pos++;
                    }
                  else
                    quoted = FALSE;
                }
              else if (c == '\r' || c == '\n')
                {
                  if (c == '\r' && !skip_lf_after_cr (self, error))
                    return NULL;
                  g_string_append_c (field, '\n');
                  self->line++;
                }
              else
                g_string_append_c (field, (char) c);
            }
          else if (c == '\r' || c == '\n')
            {
              if (c == '\r' && !skip_lf_after_cr (self, error))
                return NULL;
              self->line++;
              break;
            }
          else if (c == (guint8) self->separator)
            {
              if (fields->len + 2 > KONTOR_CSV_MAX_COLUMNS)
                {
                  g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_TOO_LARGE,
                               _("“%s”, line %u: more than %u columns; Kontor reads at most %u."),
                               self->display_name, row_line,
                               KONTOR_CSV_MAX_COLUMNS, KONTOR_CSV_MAX_COLUMNS);
                  return NULL;
                }
              row_bytes += field->len;
              g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
              field = g_string_new (NULL);
              was_quoted = FALSE;
            }
          else if (c == '"' && field->len == 0 && !was_quoted)
            quoted = was_quoted = TRUE;
          else
            g_string_append_c (field, (char) c);
        }

      if (field->len > KONTOR_CSV_MAX_FIELD_BYTES)
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_TOO_LARGE,
                       _("“%s”, line %u: a field is longer than %u KiB, more than Kontor "
                         "reads. Is a quote never closed?"),
                       self->display_name, row_line, KONTOR_CSV_MAX_FIELD_BYTES / 1024);
          return NULL;
        }
      if (row_bytes + field->len > KONTOR_CSV_MAX_ROW_BYTES)
        {
          g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_TOO_LARGE,
                       _("“%s”, line %u: the row is longer than %u MiB, more than Kontor "
                         "reads. Is a quote never closed?"),
                       self->display_name, row_line, KONTOR_CSV_MAX_ROW_BYTES / (1024 * 1024));
          return NULL;
        }
    }

  g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
  g_ptr_array_add (fields, NULL);

  if (line != NULL)
    *line = row_line;

  return (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

/* Writing */

struct _KontorCsvWriter
{
  GOutputStream     *stream;
  KontorCsvPreset    preset;
  KontorCsvEncoding  encoding;
  gboolean           started;
  GString           *row;
  GByteArray        *bytes;
};

/**
 * kontor_csv_writer_new:
 * @stream: where the file goes
 * @preset: "Excel (Deutsch)" (";") or RFC 4180 (",")
 * @encoding: the file's encoding; UTF-8 gets a byte order mark in the
 *   Excel preset (Excel needs one to read UTF-8), UTF-16 always
 *
 * Returns: (transfer full): a writer; rows end in CRLF
 */
KontorCsvWriter *
kontor_csv_writer_new (GOutputStream     *stream,
                       KontorCsvPreset    preset,
                       KontorCsvEncoding  encoding)
{
  KontorCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (encoding < KONTOR_CSV_N_ENCODINGS, NULL);

  self = g_new0 (KontorCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->preset = preset;
  self->encoding = encoding;
  self->row = g_string_new (NULL);
  self->bytes = g_byte_array_new ();

  return self;
}

void
kontor_csv_writer_free (KontorCsvWriter *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->stream);
  g_string_free (self->row, TRUE);
  g_byte_array_unref (self->bytes);
  g_free (self);
}

KontorCsvPreset
kontor_csv_writer_get_preset (KontorCsvWriter *self)
{
  g_return_val_if_fail (self != NULL, KONTOR_CSV_PRESET_RFC4180);

  return self->preset;
}

static gboolean
encode_1252 (const char  *text,
             GByteArray  *out,
             GError     **error)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint8 b = 0;
      gboolean found = FALSE;

      if (c < 0x80 || (c >= 0xa0 && c < 0x100))
        b = (guint8) c, found = TRUE;
      else
        {
          for (guint i = 0; i < G_N_ELEMENTS (cp1252_high); i++)
            {
              if (cp1252_high[i] == c)
                {
                  b = (guint8) (0x80 + i);
                  found = TRUE;
                  break;
                }
            }
        }

      if (!found)
        {
          char character[8] = { 0 };

          g_unichar_to_utf8 (c, character);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The character “%s” cannot be written in Windows-1252; "
                         "choose UTF-8 to keep it."), character);
          return FALSE;
        }
      g_byte_array_append (out, &b, 1);
    }

  return TRUE;
}

static void
encode_utf16 (const char  *text,
              gboolean     le,
              GByteArray  *out)
{
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);

  for (glong i = 0; i < n; i++)
    {
      guint8 pair[2];

      pair[le ? 0 : 1] = units[i] & 0xff;
      pair[le ? 1 : 0] = units[i] >> 8;
      g_byte_array_append (out, pair, 2);
    }
}

static gboolean
needs_quotes (const char *field,
              char        separator)
{
  gsize len = strlen (field);

  if (len == 0)
    return FALSE;

  return field[0] == ' ' || field[len - 1] == ' ' ||
         strpbrk (field, "\"\r\n") != NULL || strchr (field, separator) != NULL;
}

/**
 * kontor_csv_writer_write_row:
 * @self: a writer
 * @fields: the row's fields, UTF-8
 * @cancellable: (nullable): cancels the write
 * @error: return location for a #GError: %G_IO_ERROR_INVALID_DATA when
 *   a character cannot be written in the encoding (nothing of the row is
 *   written then), or the stream's error
 *
 * Writes one row: a field is quoted when it holds the separator, a quote
 * or a line break, or begins or ends with a blank; quotes in it doubled.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_csv_writer_write_row (KontorCsvWriter     *self,
                             const char * const  *fields,
                             GCancellable        *cancellable,
                             GError             **error)
{
  char separator;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  separator = self->preset == KONTOR_CSV_PRESET_EXCEL_DE ? ';' : ',';
  g_string_truncate (self->row, 0);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *field = fields[i];

      g_return_val_if_fail (g_utf8_validate (field, -1, NULL), FALSE);

      if (i > 0)
        g_string_append_c (self->row, separator);
      if (needs_quotes (field, separator))
        {
          g_string_append_c (self->row, '"');
          for (const char *p = field; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (self->row, '"');
              g_string_append_c (self->row, *p);
            }
          g_string_append_c (self->row, '"');
        }
      else
        g_string_append (self->row, field);
    }
  g_string_append (self->row, "\r\n");

  g_byte_array_set_size (self->bytes, 0);
  if (!self->started)
    {
      static const guint8 bom_utf8[] = { 0xef, 0xbb, 0xbf };
      static const guint8 bom_le[] = { 0xff, 0xfe };
      static const guint8 bom_be[] = { 0xfe, 0xff };

      if (self->encoding == KONTOR_CSV_ENCODING_UTF8 && self->preset == KONTOR_CSV_PRESET_EXCEL_DE)
        g_byte_array_append (self->bytes, bom_utf8, sizeof bom_utf8);
      else if (self->encoding == KONTOR_CSV_ENCODING_UTF16LE)
        g_byte_array_append (self->bytes, bom_le, sizeof bom_le);
      else if (self->encoding == KONTOR_CSV_ENCODING_UTF16BE)
        g_byte_array_append (self->bytes, bom_be, sizeof bom_be);
    }

  switch (self->encoding)
    {
    case KONTOR_CSV_ENCODING_UTF8:
      g_byte_array_append (self->bytes, (const guint8 *) self->row->str, self->row->len);
      break;
    case KONTOR_CSV_ENCODING_UTF16LE:
    case KONTOR_CSV_ENCODING_UTF16BE:
      encode_utf16 (self->row->str, self->encoding == KONTOR_CSV_ENCODING_UTF16LE, self->bytes);
      break;
    case KONTOR_CSV_ENCODING_WINDOWS_1252:
      if (!encode_1252 (self->row->str, self->bytes, error))
        return FALSE;
      break;
    case KONTOR_CSV_N_ENCODINGS:
    default:
      g_assert_not_reached ();
    }

  if (!g_output_stream_write_all (self->stream, self->bytes->data, self->bytes->len, NULL,
                                  cancellable, error))
    return FALSE;

  self->started = TRUE;

  return TRUE;
}

/* Values */

static gboolean
parse_number (const char **p,
              guint        min_digits,
              guint        max_digits,
              int         *value,
              guint       *n_digits)
{
  guint n = 0;
  int v = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  if (n < min_digits || g_ascii_isdigit (**p))
    return FALSE;

  *value = v;
  if (n_digits != NULL)
    *n_digits = n;

  return TRUE;
}

static gboolean
make_date (int     day,
           int     month,
           int     year,
           char  **iso_date)
{
  if (month < 1 || month > 12 || day < 1)
    return FALSE;

  if (year == 0)
    {
      /* no year: 29 February is a birthday too */
      if (!g_date_valid_dmy (day, month, 2000))
        return FALSE;
      *iso_date = g_strdup_printf ("--%02d-%02d", month, day);
      return TRUE;
    }

  if (year < 1000 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  *iso_date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  return TRUE;
}

gboolean
kontor_csv_parse_date_for_year (const char  *text,
                                int          this_year,
                                char       **iso_date)
{
  return kontor_csv_parse_date_in_order (text, this_year, KONTOR_CSV_DATE_ORDER_AUTO, iso_date);
}

gboolean
kontor_csv_parse_date_in_order (const char          *text,
                                int                  this_year,
                                KontorCsvDateOrder   order,
                                char               **iso_date)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  int a = 0, b = 0, year = 0;
  guint n_year = 0;

  g_return_val_if_fail (iso_date != NULL, FALSE);

  *iso_date = NULL;
  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;

  /* --MM-DD, vCard's and Kontor's date without a year */
  if (g_str_has_prefix (p, "--"))
    {
      p += 2;
      if (!parse_number (&p, 2, 2, &a, NULL) || *p++ != '-' ||
          !parse_number (&p, 2, 2, &b, NULL) || *p != '\0')
        return FALSE;
      return make_date (b, a, 0, iso_date);
    }

  if (!parse_number (&p, 1, 4, &a, &n_year))
    return FALSE;

  /* ISO: YYYY-MM-DD */
  if (n_year == 4)
    {
      year = a;
      if (*p++ != '-' || !parse_number (&p, 2, 2, &a, NULL) || *p++ != '-' ||
          !parse_number (&p, 2, 2, &b, NULL) || *p != '\0')
        return FALSE;
      return make_date (b, a, year, iso_date);
    }
  if (n_year > 2)
    return FALSE;

  if (*p == '.')
    {
      /* German: T.M.JJJJ, TT.MM.JJ, T.M. (no year) */
      p++;
      if (!parse_number (&p, 1, 2, &b, NULL) || *p++ != '.')
        return FALSE;
      if (*p == '\0')
        return make_date (a, b, 0, iso_date);
      if (!parse_number (&p, 2, 4, &year, &n_year) || n_year == 3 || *p != '\0')
        return FALSE;
    }
  else if (*p == '/')
    {
      /* US M/D/YYYY or British D/M/YYYY: in the order given, else read
       * only when the numbers allow one of them */
      int month, day;

      p++;
      if (!parse_number (&p, 1, 2, &b, NULL) || *p++ != '/' ||
          !parse_number (&p, 2, 4, &year, &n_year) || n_year == 3 || *p != '\0')
        return FALSE;
      if (order == KONTOR_CSV_DATE_ORDER_DAY_FIRST)
        day = a, month = b;
      else if (order == KONTOR_CSV_DATE_ORDER_MONTH_FIRST)
        day = b, month = a;
      else if (a > 12 && b <= 12)
        day = a, month = b;
      else if (b > 12 && a <= 12)
        day = b, month = a;
      else if (a == b)
        day = a, month = b;
      else
        return FALSE;
      a = day;
      b = month;
    }
  else
    return FALSE;

  /* two-digit years: up to this year's two digits in this century, the
   * rest in the last one ("5.4.80" is 1980, "15.4.24" 2024) */
  if (n_year == 2)
    {
      int century = this_year / 100 * 100;

      year += year <= this_year % 100 ? century : century - 100;
    }

  return make_date (a, b, year, iso_date);
}

/**
 * kontor_csv_parse_date:
 * @text: a date as a person or another program wrote it
 * @iso_date: (out) (transfer full): the date as Kontor keeps it:
 *   "YYYY-MM-DD", or "--MM-DD" for a date without a year
 *
 * Reads ISO dates ("2024-04-15"), German ones ("15.04.2024", "5.4.1980",
 * "15.4.24"; a two-digit year is this century's up to this year, else the
 * last one's), dates without a year ("15.04.", "15.4.", "--04-15") and
 * dates with slashes where only one order makes sense ("4/15/2024",
 * "15/4/2024"; "4/5/2024" is refused).
 *
 * Returns: %TRUE when @text is a date that exists
 */
gboolean
kontor_csv_parse_date (const char  *text,
                       char       **iso_date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return kontor_csv_parse_date_for_year (text, g_date_time_get_year (now), iso_date);
}

/**
 * kontor_csv_format_date:
 * @iso_date: a date as Kontor keeps it ("YYYY-MM-DD" or "--MM-DD")
 * @preset: the export's preset
 *
 * Returns: (transfer full): the date as the preset writes it: "TT.MM.JJJJ"
 *   ("TT.MM." without a year) for Excel (Deutsch), unchanged for RFC 4180
 */
char *
kontor_csv_format_date (const char      *iso_date,
                        KontorCsvPreset  preset)
{
  int y, m, d;

  g_return_val_if_fail (iso_date != NULL, NULL);

  if (preset != KONTOR_CSV_PRESET_EXCEL_DE)
    return g_strdup (iso_date);

  if (sscanf (iso_date, "--%2d-%2d", &m, &d) == 2)
    return g_strdup_printf ("%02d.%02d.", d, m);
  if (sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) == 3)
    return g_strdup_printf ("%02d.%02d.%04d", d, m, y);

  return g_strdup (iso_date);
}

/**
 * kontor_csv_parse_decimal_cents:
 * @text: an amount: "1.234,50", "1234,5", "1,234.50", "1234.50", "-12"
 * @cents: (out): the amount in hundredths
 *
 * With both a comma and a point, the last one is the decimal mark and the
 * other groups thousands; a lone comma is a decimal comma; a lone point
 * followed by three digits groups thousands ("1.234" is 1234, as German
 * Excel writes it), else it is a decimal point. More than two decimals
 * are refused ("1,234" could be either), as are misplaced groups.
 * Integers only, never floating point.
 *
 * Returns: %TRUE when @text is an amount
 */
gboolean
kontor_csv_parse_decimal_cents (const char *text,
                                gint64     *cents)
{
  g_autofree char *trimmed = NULL;
  const char *p, *last_comma, *last_point, *decimal = NULL;
  char group = 0;
  gboolean negative = FALSE;
  guint64 value = 0;
  guint n_digits = 0, since_group = 0;
  gboolean grouped = FALSE;

  g_return_val_if_fail (cents != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  last_comma = strrchr (p, ',');
  last_point = strrchr (p, '.');
  if (last_comma != NULL && last_point != NULL)
    {
      decimal = MAX (last_comma, last_point);
      group = decimal == last_comma ? '.' : ',';
    }
  else if (last_comma != NULL)
    {
      if (strchr (p, ',') != last_comma)
        group = ',';
      else
        decimal = last_comma;
    }
  else if (last_point != NULL)
    {
      if (strchr (p, '.') != last_point || strlen (last_point + 1) == 3)
        group = '.';
      else
        decimal = last_point;
    }

  for (; *p != '\0' && p != decimal; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (value > (guint64) G_MAXINT64 / 1000)
            return FALSE;
          value = value * 10 + (guint64) (*p - '0');
          n_digits++;
          since_group++;
        }
      else if (group != 0 && *p == group)
        {
          if (n_digits == 0 || (grouped ? since_group != 3 : since_group > 3))
            return FALSE;
          grouped = TRUE;
          since_group = 0;
        }
      else
        return FALSE;
    }
  if (n_digits == 0 || (grouped && since_group != 3))
    return FALSE;

  value *= 100;
  if (decimal != NULL)
    {
      const char *d = decimal + 1;
      gsize n = strlen (d);

      if (n == 0 || n > 2 || !g_ascii_isdigit (d[0]) || (n == 2 && !g_ascii_isdigit (d[1])))
        return FALSE;
      value += (guint64) (d[0] - '0') * 10 + (n == 2 ? (guint64) (d[1] - '0') : 0);
    }

  *cents = negative ? -(gint64) value : (gint64) value;

  return TRUE;
}

/**
 * kontor_csv_format_decimal_cents:
 * @cents: an amount in hundredths
 * @preset: the export's preset
 *
 * Returns: (transfer full): "1234,50" for Excel (Deutsch), "1234.50" for
 *   RFC 4180: two decimals, no thousands separator (Excel reads both as
 *   numbers)
 */
char *
kontor_csv_format_decimal_cents (gint64          cents,
                                 KontorCsvPreset preset)
{
  guint64 magnitude = cents < 0 ? (guint64) -(cents + 1) + 1 : (guint64) cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%c%02u", cents < 0 ? "-" : "",
                          magnitude / 100,
                          preset == KONTOR_CSV_PRESET_EXCEL_DE ? ',' : '.',
                          (guint) (magnitude % 100));
}
