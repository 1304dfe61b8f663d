/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-context.h"

G_BEGIN_DECLS

AdwMessageDialog *kontor_identity_dialog_new (GtkWindow     *parent,
                                              KontorContext *context);

G_END_DECLS
