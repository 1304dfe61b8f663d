/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Text for kontor-print-*.c: Pango on the page's cairo context, sizes in
 * points whatever the device (see kontor-print-document.c). */

#define KONTOR_PRINT_FONT "Sans"

PangoLayout *_kontor_print_layout_new (cairo_t    *cr,
                                       const char *text,
                                       double      points,
                                       gboolean    bold,
                                       double      width,
                                       int         max_lines);
gboolean     _kontor_print_is_cut     (PangoLayout *layout);
double       _kontor_print_height     (PangoLayout *layout);
double       _kontor_print_width      (PangoLayout *layout);
void         _kontor_print_show       (cairo_t     *cr,
                                       PangoLayout *layout,
                                       double       x,
                                       double       y);
void         _kontor_print_hline      (cairo_t     *cr,
                                       double       x,
                                       double       y,
                                       double       width,
                                       double       line_width);

G_END_DECLS
