/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-address-book.h"
#include "kontor-context.h"
#include "kontor-import.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_IMPORT_DIALOG (kontor_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KontorImportDialog, kontor_import_dialog, KONTOR, IMPORT_DIALOG, AdwWindow)

KontorImportDialog *kontor_import_dialog_new        (GtkWindow     *parent,
                                                     KontorContext *context,
                                                     GFile         *file);
KontorImportDialog *kontor_import_dialog_new_for_address_book (GtkWindow     *parent,
                                                               KontorContext *context,
                                                               ESource       *book);
gboolean            kontor_import_dialog_is_import_file (GFile     *file);
const char         *kontor_import_dialog_get_step   (KontorImportDialog *self);
KontorImport       *kontor_import_dialog_get_import (KontorImportDialog *self);
void                kontor_import_dialog_choose_file (GtkWindow    *parent,
                                                      KontorContext *context);
void                kontor_import_dialog_choose_address_book (GtkWindow     *parent,
                                                              KontorContext *context);
void                kontor_import_dialog_open_files (GtkWindow     *parent,
                                                     KontorContext *context,
                                                     GSList        *files);
GSList             *kontor_import_dialog_take_dropped (GtkWidget     *widget,
                                                       KontorContext *context,
                                                       GSList        *files,
                                                       gboolean      *taken);

G_END_DECLS
