/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-contact.h"

G_BEGIN_DECLS

/* The longest "stay in touch" interval, days (ten years) */
#define KONTOR_CONTACT_KEEP_IN_TOUCH_MAX 3650

KontorStatusChange  kontor_contact_status_change        (KontorContactStatus   from,
                                                         KontorContactStatus   to);
KontorContactStatus kontor_contact_status_reactivated   (KontorContactStatus   previous);
gboolean            kontor_contact_validate             (KontorContact        *contact,
                                                         GError              **error);
gboolean            kontor_contact_check_birthday       (KontorContact        *contact,
                                                         gboolean              keep_birthdays,
                                                         GError              **error);
gboolean            kontor_contact_check_keep_in_touch_days (gint64          days,
                                                             GError        **error);
gboolean            kontor_date_is_valid                (const char           *iso_date);
gboolean            kontor_birthday_parse               (const char           *birthday,
                                                         guint                *year,
                                                         guint                *month,
                                                         guint                *day);

G_END_DECLS
