/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-print-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>

#include "kontor-print-document.h"
#include "kontor-print-private.h"
#include "kontor-ui-utils.h"

/* Printing (feature X13, src/README.md "Printing"). A document lays
 * itself out on a cairo context whose unit is the point, so one drawing
 * serves GtkPrintOperation (print, or "Print to File" as PDF) and
 * kontor_print_document_write_pdf(), which needs no display: the tests
 * read its text back with pdftotext. Pango's resolution is set to 72 so
 * a font's size in points is its size on paper on any device. */

G_DEFINE_INTERFACE (KontorPrintDocument, kontor_print_document, G_TYPE_OBJECT)

static void
kontor_print_document_default_init (KontorPrintDocumentInterface *iface)
{
}

/* ------------------------------------------------------------------------ */
/* Text */

static int
count_lines (PangoLayout *layout,
             const char  *text,
             glong        n_chars)
{
  g_autofree char *cut = NULL;

  cut = g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (text, n_chars) - text), text);
  pango_layout_set_text (layout, cut, -1);

  return pango_layout_get_line_count (layout);
}

/* Cuts the text of @layout to @max_lines lines, the last ending in "…".
 * Pango's own ellipsizing would do, but it keeps the text cut off in the
 * PDF (as the ellipsis glyph's text), so a search or a copy of the PDF
 * finds what the page does not show. */
static void
cut_to_lines (PangoLayout *layout,
              const char  *text,
              int          max_lines)
{
  PangoLayoutLine *line;
  glong low = 0;
  glong high;

  if (pango_layout_get_line_count (layout) <= max_lines)
    return;

  line = pango_layout_get_line_readonly (layout, max_lines - 1);
  high = g_utf8_pointer_to_offset (text, text + line->start_index + line->length);
  /* the most characters of the text that fit with "…" */
  while (low < high)
    {
      glong middle = low + (high - low + 1) / 2;

      if (count_lines (layout, text, middle) <= max_lines)
        low = middle;
      else
        high = middle - 1;
    }
  while (low > 0 && g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, low - 1))))
    low--;
  count_lines (layout, text, low);
  g_object_set_data (G_OBJECT (layout), "kontor-print-cut", GINT_TO_POINTER (TRUE));
}

PangoLayout *
_kontor_print_layout_new (cairo_t    *cr,
                          const char *text,
                          double      points,
                          gboolean    bold,
                          double      width,
                          int         max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (KONTOR_PRINT_FONT);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_font_description_set_size (font, (int) (points * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  /* at most @max_lines lines, the last one ending in "…" */
  if (max_lines > 0 && text != NULL)
    cut_to_lines (layout, text, max_lines);

  return layout;
}

/* Whether _kontor_print_layout_new() cut the text short */
gboolean
_kontor_print_is_cut (PangoLayout *layout)
{
  return g_object_get_data (G_OBJECT (layout), "kontor-print-cut") != NULL;
}

double
_kontor_print_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);

  return (double) height / PANGO_SCALE;
}

double
_kontor_print_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);

  return (double) width / PANGO_SCALE;
}

void
_kontor_print_show (cairo_t     *cr,
                    PangoLayout *layout,
                    double       x,
                    double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
_kontor_print_hline (cairo_t *cr,
                     double   x,
                     double   y,
                     double   width,
                     double   line_width)
{
  cairo_save (cr);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------------ */
/* GtkPrintOperation */

static void
on_begin_print_cb (GtkPrintOperation   *operation,
                   GtkPrintContext     *context,
                   KontorPrintDocument *self)
{
  guint n_pages;

  n_pages = kontor_print_document_paginate (self, gtk_print_context_get_cairo_context (context),
                                            gtk_print_context_get_width (context),
                                            gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
on_draw_page_cb (GtkPrintOperation   *operation,
                 GtkPrintContext     *context,
                 int                  page,
                 KontorPrintDocument *self)
{
  kontor_print_document_draw_page (self, gtk_print_context_get_cairo_context (context),
                                   gtk_print_context_get_width (context),
                                   gtk_print_context_get_height (context), page);
}

static void
on_done_cb (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            GtkWidget               *widget)
{
  g_autoptr(GError) error = NULL;

  /* shown once, whether "done" or gtk_print_operation_run() tells it */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR &&
      g_object_get_data (G_OBJECT (operation), "kontor-print-error-shown") == NULL)
    {
      gtk_print_operation_get_error (operation, &error);
      g_object_set_data (G_OBJECT (operation), "kontor-print-error-shown", GINT_TO_POINTER (1));
      kontor_ui_show_error (widget, _("Printing Failed"), error);
    }
}

/* ------------------------------------------------------------------------ */
/* Public */

/**
 * kontor_print_document_paginate:
 * @self: a document
 * @cr: a cairo context to measure text on
 * @width: the printable width, in points
 * @height: the printable height, in points
 *
 * Returns: how many pages the document takes, at least one
 */
guint
kontor_print_document_paginate (KontorPrintDocument *self,
                                cairo_t             *cr,
                                double               width,
                                double               height)
{
  g_return_val_if_fail (KONTOR_IS_PRINT_DOCUMENT (self), 0);

  return KONTOR_PRINT_DOCUMENT_GET_IFACE (self)->paginate (self, cr, width, height);
}

/**
 * kontor_print_document_draw_page:
 * @self: a document, paginated
 * @cr: the page's cairo context, its origin the printable area's corner
 * @width: the printable width, in points
 * @height: the printable height, in points
 * @page: the page, from 0
 */
void
kontor_print_document_draw_page (KontorPrintDocument *self,
                                 cairo_t             *cr,
                                 double               width,
                                 double               height,
                                 guint                page)
{
  g_return_if_fail (KONTOR_IS_PRINT_DOCUMENT (self));

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  KONTOR_PRINT_DOCUMENT_GET_IFACE (self)->draw_page (self, cr, width, height, page);
  cairo_restore (cr);
}

/**
 * kontor_print_page_setup_new:
 * @paper_name: (nullable): a paper's name (%GTK_PAPER_NAME_A4,
 *   %GTK_PAPER_NAME_LETTER), %NULL for the locale's (LC_PAPER)
 *
 * Returns: (transfer full): portrait pages of that paper with margins of
 *   15 mm, room for printers that cannot print to the edge
 */
GtkPageSetup *
kontor_print_page_setup_new (const char *paper_name)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (paper_name);

  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_top_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 15, GTK_UNIT_MM);

  return setup;
}

/**
 * kontor_print_document_write_pdf:
 * @self: a document
 * @page_setup: the paper and its margins
 * @path: the PDF file to write
 * @n_pages: (out) (optional): how many pages were written
 * @error: return location for a #GError
 *
 * Draws the document into a PDF file as a print would, without a
 * display.
 *
 * Returns: whether the file was written
 */
gboolean
kontor_print_document_write_pdf (KontorPrintDocument  *self,
                                 GtkPageSetup         *page_setup,
                                 const char           *path,
                                 guint                *n_pages,
                                 GError              **error)
{
  double width = gtk_page_setup_get_page_width (page_setup, GTK_UNIT_POINTS);
  double height = gtk_page_setup_get_page_height (page_setup, GTK_UNIT_POINTS);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint pages;

  g_return_val_if_fail (KONTOR_IS_PRINT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (GTK_IS_PAGE_SETUP (page_setup), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path,
                                      gtk_page_setup_get_paper_width (page_setup,
                                                                      GTK_UNIT_POINTS),
                                      gtk_page_setup_get_paper_height (page_setup,
                                                                       GTK_UNIT_POINTS));
  cr = cairo_create (surface);
  pages = kontor_print_document_paginate (self, cr, width, height);
  for (guint i = 0; i < pages; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, gtk_page_setup_get_left_margin (page_setup, GTK_UNIT_POINTS),
                       gtk_page_setup_get_top_margin (page_setup, GTK_UNIT_POINTS));
      kontor_print_document_draw_page (self, cr, width, height, i);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      /* Translators: the first %s is a file's name, the second why */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"),
                   name, cairo_status_to_string (status));
      return FALSE;
    }
  if (n_pages != NULL)
    *n_pages = pages;

  return TRUE;
}

static GtkPrintOperation *
new_operation (KontorPrintDocument *self,
               GtkPageSetup        *setup,
               const char          *job_name)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *file_name = g_strdelimit (g_strdup (job_name), "/", '-');

  /* "Print to File" names the PDF after the job, not "output.pdf" */
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, file_name);
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self, 0);
  /* the document lives as long as the operation */
  g_object_set_data_full (G_OBJECT (operation), "kontor-print-document", g_object_ref (self),
                          g_object_unref);

  return operation;
}

/**
 * kontor_print_document_export:
 * @self: a document
 * @page_setup: the paper and its margins
 * @path: the PDF file to write
 * @error: return location for a #GError
 *
 * Writes @self as a PDF through GtkPrintOperation, as the print dialog's
 * "Print to File" does, without the dialog.
 *
 * Returns: whether the file was written
 */
gboolean
kontor_print_document_export (KontorPrintDocument  *self,
                              GtkPageSetup         *page_setup,
                              const char           *path,
                              GError              **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (KONTOR_IS_PRINT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = new_operation (self, page_setup, PACKAGE_NAME);
  gtk_print_operation_set_export_filename (operation, path);

  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL,
                                  error) == GTK_PRINT_OPERATION_RESULT_APPLY;
}

/**
 * kontor_print_document_run:
 * @self: a document
 * @widget: a widget in the window that prints
 * @job_name: the print job's title, also the PDF file's name
 *
 * Opens the print dialog for @self on the locale's paper, A4 or Letter
 * (its "Print to File" writes a PDF); a failure is shown on @widget's
 * window.
 */
void
kontor_print_document_run (KontorPrintDocument *self,
                           GtkWidget           *widget,
                           const char          *job_name)
{
  g_autoptr(GtkPageSetup) setup = kontor_print_page_setup_new (NULL);
  GtkPrintOperation *operation;
  GtkPrintOperationResult result;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KONTOR_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  operation = new_operation (self, setup, job_name);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_done_cb), widget, 0);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    kontor_ui_get_window (widget), &error);
  /* an operation in progress holds a reference of its own until "done" */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR &&
      g_object_get_data (G_OBJECT (operation), "kontor-print-error-shown") == NULL)
    {
      g_object_set_data (G_OBJECT (operation), "kontor-print-error-shown", GINT_TO_POINTER (1));
      kontor_ui_show_error (widget, _("Printing Failed"), error);
    }
  g_object_unref (operation);
}
