/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-address-book.h"

G_BEGIN_DECLS

/* tests/eds/kontor-test-eds.c: a real evolution-data-server with the local
 * address book "Kunden" holding KONTOR_TEST_EDS_CARDS: Dr. Jürgen Müller
 * (two phones, two e-mail addresses, Bäckerei Müller GmbH), Anna Schäfer,
 * and a card with no name */

extern const char * const KONTOR_TEST_EDS_CARDS[];

void             kontor_test_eds_isolate         (void);
gboolean         kontor_test_eds_up              (void);
void             kontor_test_eds_down            (void);
ESourceRegistry *kontor_test_eds_get_registry    (void);
ESource         *kontor_test_eds_get_book        (void);
const char      *kontor_test_eds_get_unavailable (void);
void             kontor_test_eds_unavailable     (void);

G_END_DECLS
