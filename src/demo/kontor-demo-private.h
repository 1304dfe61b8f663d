/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by the files of the sample team (kontor-demo.c builds the
 * records, kontor-demo-text.c spells numbers, dates and names). */

/* "Today" for every date of the sample: 2026-11-24 12:00 UTC. */
#define REFERENCE_TIME   G_GINT64_CONSTANT (1795521600)
#define DAY              G_GINT64_CONSTANT (86400)
#define EPOCH_JULIAN     719163   /* GDate's Julian day of 1970-01-01 */
#define REFERENCE_JULIAN ((guint32) (EPOCH_JULIAN + REFERENCE_TIME / DAY))

/* The office started in December 2018; customers came from January 2019. */
#define TEAM_CREATED     G_GINT64_CONSTANT (1543827600)   /* 2018-12-03 09:00 */
#define COMPANIES_START  G_GINT64_CONSTANT (1546848000)   /* 2019-01-07 08:00 */
#define COMPANIES_END    G_GINT64_CONSTANT (1795190400)   /* 2026-11-20 16:00 */
#define CONTACTS_START   G_GINT64_CONSTANT (1547452800)   /* 2019-01-14 08:00 */
#define CONTACTS_END     G_GINT64_CONSTANT (1795518000)   /* 2026-11-24 11:00 */
#define ACTIVITY_WINDOW  (180 * DAY)

#define OWN_DOMAIN       "kontor-beispiel.de"
#define MIN_COMPANIES    5
#define CONTACTS_PER_COMPANY 8
#define MAX_SLUG_LENGTH  30
#define NAME_ATTEMPTS    4

#define PICK(rand, array) ((array)[_kontor_demo_pick_index ((rand), G_N_ELEMENTS (array))])

guint    _kontor_demo_pick_index    (GRand        *rand,
                                     guint         n);
gboolean _kontor_demo_chance        (GRand        *rand,
                                     guint         percent);
guint    _kontor_demo_pick_weighted (GRand        *rand,
                                     const guint8 *weights,
                                     guint         n);
guint    _kontor_demo_count_strings (const char * const *strings,
                                     guint         max);
char    *_kontor_demo_put_number    (char         *out,
                                     guint         value,
                                     guint         width);
guint    _kontor_demo_year_of       (gint64        unix_time);
void     _kontor_demo_format_date   (char         *buffer,
                                     guint32       julian);
guint32  _kontor_demo_skip_weekend  (guint32       julian);
void     _kontor_demo_append_ascii  (GString      *out,
                                     const char   *text,
                                     char          blank);
void     _kontor_demo_append_grouped (GString     *out,
                                     const char   *digits);

G_END_DECLS
