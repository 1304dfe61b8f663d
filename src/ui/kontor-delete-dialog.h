/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-record.h"

G_BEGIN_DECLS

/* The response id of the dialog's destructive button */
#define KONTOR_DELETE_RESPONSE "delete"

AdwMessageDialog *kontor_delete_dialog_new (GtkWindow    *parent,
                                            KontorRecord *record);
AdwMessageDialog *kontor_delete_dialog_new_for_contacts (GtkWindow *parent,
                                                         guint      n_contacts);

G_END_DECLS
