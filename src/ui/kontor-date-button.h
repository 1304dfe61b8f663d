/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KONTOR_TYPE_DATE_BUTTON (kontor_date_button_get_type ())

G_DECLARE_FINAL_TYPE (KontorDateButton, kontor_date_button, KONTOR, DATE_BUTTON, AdwBin)

GtkWidget  *kontor_date_button_new         (void);
const char *kontor_date_button_get_date    (KontorDateButton *self);
void        kontor_date_button_set_date    (KontorDateButton *self,
                                            const char       *iso_date);
const char *kontor_date_button_get_title   (KontorDateButton *self);
void        kontor_date_button_set_title   (KontorDateButton *self,
                                            const char       *title);
GtkWidget  *kontor_date_button_get_content (KontorDateButton *self);
void        kontor_date_button_set_content (KontorDateButton *self,
                                            GtkWidget        *content);

G_END_DECLS
