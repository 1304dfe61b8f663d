/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#include "config.h"

#include "kontor-error.h"

G_DEFINE_QUARK (kontor-store-error-quark, kontor_store_error)
G_DEFINE_QUARK (kontor-record-error-quark, kontor_record_error)
