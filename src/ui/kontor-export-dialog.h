/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"
#include "kontor-filter.h"

G_BEGIN_DECLS

/* Which contacts an export writes */
typedef enum
{
  KONTOR_EXPORT_SCOPE_SELECTION,   /* those selected in the table */
  KONTOR_EXPORT_SCOPE_FILTER,      /* those the list shows: its filter and search */
  KONTOR_EXPORT_SCOPE_GROUP,       /* a group's */
  KONTOR_EXPORT_SCOPE_ALL,         /* every contact */
} KontorExportScope;

/* The file an export writes */
typedef enum
{
  KONTOR_EXPORT_FORMAT_CSV_EXCEL_DE,
  KONTOR_EXPORT_FORMAT_CSV_RFC4180,
  KONTOR_EXPORT_FORMAT_VCARD_40,
  KONTOR_EXPORT_FORMAT_VCARD_30,
} KontorExportFormat;

#define KONTOR_TYPE_EXPORT_DIALOG (kontor_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KontorExportDialog, kontor_export_dialog, KONTOR, EXPORT_DIALOG, AdwWindow)

KontorExportDialog *kontor_export_dialog_new       (GtkWindow          *parent,
                                                    KontorContext      *context,
                                                    const char * const *selected_ids,
                                                    KontorFilter       *filter);
void                kontor_export_dialog_set_scope (KontorExportDialog *self,
                                                    KontorExportScope   scope);
void                kontor_export_dialog_set_format (KontorExportDialog *self,
                                                     KontorExportFormat  format);
void                kontor_export_dialog_export_to (KontorExportDialog *self,
                                                    GFile              *file);

G_END_DECLS
