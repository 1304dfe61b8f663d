/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KONTOR_TYPE_CONTACT_VALIDATOR (kontor_contact_validator_get_type ())

G_DECLARE_FINAL_TYPE (KontorContactValidator, kontor_contact_validator,
                      KONTOR, CONTACT_VALIDATOR, GObject)

KontorContactValidator *kontor_contact_validator_new               (void);
const char             *kontor_contact_validator_get_first_name    (KontorContactValidator *self);
void                    kontor_contact_validator_set_first_name    (KontorContactValidator *self,
                                                                    const char *first_name);
const char             *kontor_contact_validator_get_last_name     (KontorContactValidator *self);
void                    kontor_contact_validator_set_last_name     (KontorContactValidator *self,
                                                                    const char *last_name);
const char             *kontor_contact_validator_get_company_name  (KontorContactValidator *self);
void                    kontor_contact_validator_set_company_name  (KontorContactValidator *self,
                                                                    const char *company_name);
const char             *kontor_contact_validator_get_email         (KontorContactValidator *self);
void                    kontor_contact_validator_set_email         (KontorContactValidator *self,
                                                                    const char *email);
const char             *kontor_contact_validator_get_phone         (KontorContactValidator *self);
void                    kontor_contact_validator_set_phone         (KontorContactValidator *self,
                                                                    const char *phone);
gboolean                kontor_contact_validator_get_passed        (KontorContactValidator *self);
const char             *kontor_contact_validator_get_feedback_text (KontorContactValidator *self);

G_END_DECLS
