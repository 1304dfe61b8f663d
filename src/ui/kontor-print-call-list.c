/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-print-call-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-print-call-list.h"
#include "kontor-channel.h"
#include "kontor-format.h"
#include "kontor-print-private.h"
#include "kontor-record-list.h"
#include "kontor-ui-utils.h"

/**
 * KontorPrintCallList:
 *
 * A call list ("Telefonliste", feature X13, src/README.md "Printing"):
 * the contacts of a filter, a group or a board column as a table of
 * name, company, phone numbers and last activity, with an empty column
 * to write notes in while calling. The rows are taken when the list is
 * made, so the pages do not change under the print dialog. A row is as
 * tall as its longest cell (a name or a company takes at most two lines,
 * the numbers three, then "…") and at least tall enough to write in; the
 * pages repeat the title and the column titles and say "Page 1 of 3".
 */

#define BODY_SIZE       9.0
#define TITLE_SIZE     15.0
#define SMALL_SIZE      8.0
#define PAD             4.0
#define MIN_ROW_HEIGHT 30.0

typedef struct
{
  char *name;
  char *company;
  char *phones;
  char *last_activity;
} Row;

struct _KontorPrintCallList
{
  GObject   parent_instance;

  char     *title;
  gint64    now;
  GArray   *rows;         /* Row */
  GArray   *page_starts;  /* guint: the first row of each page, of the last pagination */
};

static void kontor_print_call_list_document_init (KontorPrintDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorPrintCallList, kontor_print_call_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_PRINT_DOCUMENT,
                                                      kontor_print_call_list_document_init))

/* The columns, as parts of the width: name, company, phone numbers, last
 * activity, notes */
static const double column_parts[] = { 0.23, 0.19, 0.21, 0.15, 0.22 };
static const int column_lines[] = { 2, 2, 3, 1, 0 };
#define N_COLUMNS G_N_ELEMENTS (column_parts)

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->name);
  g_free (row->company);
  g_free (row->phones);
  g_free (row->last_activity);
}

static const char *
column_title (guint column)
{
  switch (column)
    {
    case 0: return _("Name");
    case 1: return _("Company");
    /* Translators: the call list's column of a contact's phone numbers */
    case 2: return _("Phone Numbers");
    case 3: return _("Last Activity");
    /* Translators: the call list's empty column to write in while calling */
    default: return _("Notes");
    }
}

static const char *
row_cell (Row   *row,
          guint  column)
{
  switch (column)
    {
    case 0: return row->name;
    case 1: return row->company;
    case 2: return row->phones;
    case 3: return row->last_activity;
    default: return NULL;
    }
}

static double
column_x (double width,
          guint  column)
{
  double x = 0;

  for (guint i = 0; i < column; i++)
    x += column_parts[i] * width;

  return x;
}

/* The cells of @row (NULL: the column titles) laid out for @width;
 * returns the row's height */
static double
layout_row (cairo_t     *cr,
            Row         *row,
            double       width,
            PangoLayout *cells[N_COLUMNS])
{
  double height = 0;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const char *text = row != NULL ? row_cell (row, i) : column_title (i);

      cells[i] = _kontor_print_layout_new (cr, text, BODY_SIZE, row == NULL,
                                           column_parts[i] * width - 2 * PAD,
                                           row != NULL ? column_lines[i] : 2);
      height = MAX (height, _kontor_print_height (cells[i]));
    }

  height += 2 * PAD;

  return row != NULL ? MAX (height, MIN_ROW_HEIGHT) : height;
}

static void
clear_cells (PangoLayout *cells[N_COLUMNS])
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&cells[i]);
}

static char *
dup_subtitle (KontorPrintCallList *self)
{
  g_autofree char *date = kontor_format_date (self->now);
  g_autofree char *count = NULL;

  /* Translators: the number of contacts the table or the board shows */
  count = g_strdup_printf (ngettext ("%'u contact", "%'u contacts", self->rows->len),
                           self->rows->len);
  /* Translators: a call list's line below its title: the number of
   * contacts and the day it was printed */
  return g_strdup_printf (_("%s · printed on %s"), count, date != NULL ? date : "");
}

/* The page's title block; returns its height */
static double
draw_head (KontorPrintCallList *self,
           cairo_t             *cr,
           double               width,
           gboolean             draw)
{
  g_autoptr(PangoLayout) title = _kontor_print_layout_new (cr, self->title, TITLE_SIZE, TRUE,
                                                           width, 1);
  g_autofree char *subtitle_text = dup_subtitle (self);
  g_autoptr(PangoLayout) subtitle = _kontor_print_layout_new (cr, subtitle_text, SMALL_SIZE,
                                                              FALSE, width, 1);
  double y = _kontor_print_height (title) + 2;

  if (draw)
    {
      _kontor_print_show (cr, title, 0, 0);
      _kontor_print_show (cr, subtitle, 0, y);
    }

  return y + _kontor_print_height (subtitle) + 8;
}

static double
footer_height (cairo_t *cr)
{
  g_autoptr(PangoLayout) probe = _kontor_print_layout_new (cr, "1", SMALL_SIZE, FALSE, -1, 0);

  return _kontor_print_height (probe) + 6;
}

static void
draw_cells (cairo_t     *cr,
            PangoLayout *cells[N_COLUMNS],
            double       width,
            double       y,
            double       height,
            gboolean     notes_box)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    _kontor_print_show (cr, cells[i], column_x (width, i) + PAD, y + PAD);

  /* the lines around the columns, so each note has a box */
  cairo_save (cr);
  cairo_set_line_width (cr, notes_box ? 0.4 : 0.6);
  for (guint i = 0; i <= N_COLUMNS; i++)
    {
      cairo_move_to (cr, column_x (width, i), y);
      cairo_line_to (cr, column_x (width, i), y + height);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  _kontor_print_hline (cr, 0, y + height, width, notes_box ? 0.4 : 1.0);
}

/* ------------------------------------------------------------------------ */
/* KontorPrintDocument */

static guint
kontor_print_call_list_paginate (KontorPrintDocument *document,
                                 cairo_t             *cr,
                                 double               width,
                                 double               height)
{
  KontorPrintCallList *self = KONTOR_PRINT_CALL_LIST (document);
  PangoLayout *cells[N_COLUMNS];
  double room;
  double used = 0;
  guint start = 0;

  room = height - draw_head (self, cr, width, FALSE) - footer_height (cr);
  room -= layout_row (cr, NULL, width, cells);
  clear_cells (cells);

  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, start);
  for (guint i = 0; i < self->rows->len; i++)
    {
      double row_height = layout_row (cr, &g_array_index (self->rows, Row, i), width, cells);

      clear_cells (cells);
      /* a page takes at least one row, however tall */
      if (used > 0 && used + row_height > room)
        {
          g_array_append_val (self->page_starts, i);
          used = 0;
        }
      used += row_height;
    }

  return self->page_starts->len;
}

static void
kontor_print_call_list_draw_page (KontorPrintDocument *document,
                                  cairo_t             *cr,
                                  double               width,
                                  double               height,
                                  guint                page)
{
  KontorPrintCallList *self = KONTOR_PRINT_CALL_LIST (document);
  PangoLayout *cells[N_COLUMNS];
  g_autoptr(PangoLayout) footer = NULL;
  g_autofree char *page_text = NULL;
  guint n_pages = self->page_starts->len;
  guint first, end;
  double row_height;
  double y;

  g_return_if_fail (page < n_pages);

  first = g_array_index (self->page_starts, guint, page);
  end = page + 1 < n_pages ? g_array_index (self->page_starts, guint, page + 1)
                           : self->rows->len;

  y = draw_head (self, cr, width, TRUE);
  row_height = layout_row (cr, NULL, width, cells);
  _kontor_print_hline (cr, 0, y, width, 1.0);
  draw_cells (cr, cells, width, y, row_height, FALSE);
  clear_cells (cells);
  y += row_height;

  for (guint i = first; i < end; i++)
    {
      row_height = layout_row (cr, &g_array_index (self->rows, Row, i), width, cells);
      draw_cells (cr, cells, width, y, row_height, TRUE);
      clear_cells (cells);
      y += row_height;
    }

  if (self->rows->len == 0)
    {
      g_autoptr(PangoLayout) empty = _kontor_print_layout_new (cr, _("No contacts to call"),
                                                               BODY_SIZE, FALSE, width, 0);

      _kontor_print_show (cr, empty, 0, y + PAD);
    }

  /* Translators: a page of a printed list: "Page 1 of 3" */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  footer = _kontor_print_layout_new (cr, page_text, SMALL_SIZE, FALSE, width, 1);
  pango_layout_set_alignment (footer, PANGO_ALIGN_RIGHT);
  _kontor_print_show (cr, footer, 0, height - _kontor_print_height (footer));
}

static void
kontor_print_call_list_document_init (KontorPrintDocumentInterface *iface)
{
  iface->paginate = kontor_print_call_list_paginate;
  iface->draw_page = kontor_print_call_list_draw_page;
}

/* ------------------------------------------------------------------------ */
/* GObject */

static void
kontor_print_call_list_finalize (GObject *object)
{
  KontorPrintCallList *self = KONTOR_PRINT_CALL_LIST (object);

  g_free (self->title);
  g_array_unref (self->rows);
  g_array_unref (self->page_starts);

  G_OBJECT_CLASS (kontor_print_call_list_parent_class)->finalize (object);
}

static void
kontor_print_call_list_class_init (KontorPrintCallListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_print_call_list_finalize;
}

static void
kontor_print_call_list_init (KontorPrintCallList *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* ------------------------------------------------------------------------ */
/* Public */

/**
 * kontor_print_call_list_new:
 * @title: what the list shows ("Customers", a group's name)
 * @now: the time it is printed, in Unix seconds (for its date)
 *
 * Returns: (transfer full): an empty call list
 */
KontorPrintCallList *
kontor_print_call_list_new (const char *title,
                            gint64      now)
{
  KontorPrintCallList *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (KONTOR_TYPE_PRINT_CALL_LIST, NULL);
  self->title = g_strdup (title);
  self->now = now;

  return self;
}

/**
 * kontor_print_call_list_add_contact:
 * @self: a call list
 * @contact: a contact
 *
 * Adds @contact's row: its name, company, every phone number with its
 * label and the day of its last activity.
 */
void
kontor_print_call_list_add_contact (KontorPrintCallList *self,
                                    KontorContact       *contact)
{
  GPtrArray *phones;
  GString *numbers = g_string_new (NULL);
  Row row = { 0, };

  g_return_if_fail (KONTOR_IS_PRINT_CALL_LIST (self));
  g_return_if_fail (KONTOR_IS_CONTACT (contact));

  phones = kontor_contact_get_phones (contact);
  for (guint i = 0; phones != NULL && i < phones->len; i++)
    {
      KontorChannel *phone = g_ptr_array_index (phones, i);
      const char *label = kontor_channel_label_to_string (phone->label);

      if (numbers->len > 0)
        g_string_append_c (numbers, '\n');
      if (*label != '\0')
        /* Translators: a phone number and its label: "+49 30 1234 (Mobile)" */
        g_string_append_printf (numbers, _("%s (%s)"), phone->value, label);
      else
        g_string_append (numbers, phone->value);
    }

  row.name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  row.company = g_strdup (kontor_contact_get_company_name (contact));
  row.phones = g_string_free (numbers, FALSE);
  row.last_activity = kontor_format_date (kontor_contact_get_last_activity_at (contact));
  g_array_append_val (self->rows, row);
}

/**
 * kontor_print_call_list_get_n_rows:
 * @self: a call list
 *
 * Returns: how many contacts it lists
 */
guint
kontor_print_call_list_get_n_rows (KontorPrintCallList *self)
{
  g_return_val_if_fail (KONTOR_IS_PRINT_CALL_LIST (self), 0);

  return self->rows->len;
}

/**
 * kontor_print_call_list_new_from_filter:
 * @store: a store
 * @filter: which contacts, in which order
 * @title: the list's title
 * @now: the time it is printed, in Unix seconds
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the call list of the contacts
 *   @filter shows, in its order
 */
KontorPrintCallList *
kontor_print_call_list_new_from_filter (KontorStore   *store,
                                        KontorFilter  *filter,
                                        const char    *title,
                                        gint64         now,
                                        GError       **error)
{
  g_autoptr(KontorPrintCallList) self = NULL;
  g_autoptr(KontorFilter) copy = NULL;
  g_autoptr(KontorRecordList) list = NULL;
  guint n;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_FILTER (filter), NULL);

  self = kontor_print_call_list_new (title, now);
  copy = kontor_filter_copy (filter);
  list = kontor_record_list_new (store, KONTOR_TYPE_CONTACT, copy);
  if (!kontor_record_list_refresh (list, error))
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KontorContact) contact = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (contact != NULL)
        kontor_print_call_list_add_contact (self, contact);
    }

  return g_steal_pointer (&self);
}

/**
 * kontor_print_call_list_run:
 * @widget: the widget that asks, in the window
 * @store: a store
 * @filter: which contacts, in which order
 * @title: the list's title
 *
 * Opens the print dialog for the call list of @filter's contacts.
 */
void
kontor_print_call_list_run (GtkWidget    *widget,
                            KontorStore  *store,
                            KontorFilter *filter,
                            const char   *title)
{
  g_autoptr(KontorPrintCallList) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;

  self = kontor_print_call_list_new_from_filter (store, filter, title,
                                                 g_get_real_time () / G_USEC_PER_SEC, &error);
  if (self == NULL)
    {
      kontor_ui_show_error (widget, _("Printing Failed"), error);
      return;
    }

  /* Translators: a print job's and a PDF file's name; %s is what the
   * call list shows ("Customers") */
  job = g_strdup_printf (_("Call List %s"), title);
  kontor_print_document_run (KONTOR_PRINT_DOCUMENT (self), widget, job);
}
