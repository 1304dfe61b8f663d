/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KONTOR_TYPE_PRINT_DOCUMENT (kontor_print_document_get_type ())

G_DECLARE_INTERFACE (KontorPrintDocument, kontor_print_document, KONTOR, PRINT_DOCUMENT, GObject)

/**
 * KontorPrintDocumentInterface:
 * @paginate: lays the document out on pages of @width × @height points
 *   and returns how many there are (at least one)
 * @draw_page: draws page @page (from 0) of the last pagination on @cr,
 *   whose origin is the page's printable area and whose unit is a point
 *
 * What is printed (src/README.md "Printing"): the same two calls draw it
 * for GtkPrintOperation and into a PDF file without a window.
 */
struct _KontorPrintDocumentInterface
{
  GTypeInterface parent_iface;

  guint (*paginate)  (KontorPrintDocument *self,
                      cairo_t             *cr,
                      double               width,
                      double               height);
  void  (*draw_page) (KontorPrintDocument *self,
                      cairo_t             *cr,
                      double               width,
                      double               height,
                      guint                page);
};

guint         kontor_print_document_paginate   (KontorPrintDocument *self,
                                                cairo_t             *cr,
                                                double               width,
                                                double               height);
void          kontor_print_document_draw_page  (KontorPrintDocument *self,
                                                cairo_t             *cr,
                                                double               width,
                                                double               height,
                                                guint                page);
gboolean      kontor_print_document_write_pdf  (KontorPrintDocument *self,
                                                GtkPageSetup        *page_setup,
                                                const char          *path,
                                                guint               *n_pages,
                                                GError             **error);
gboolean      kontor_print_document_export     (KontorPrintDocument *self,
                                                GtkPageSetup        *page_setup,
                                                const char          *path,
                                                GError             **error);
GtkPageSetup *kontor_print_page_setup_new      (const char          *paper_name);
void          kontor_print_document_run        (KontorPrintDocument *self,
                                                GtkWidget           *widget,
                                                const char          *job_name);

G_END_DECLS
