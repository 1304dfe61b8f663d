/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-employment.c: former employments. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

extern KontorEntityInfo _kontor_store_employment_entity;

gboolean _kontor_store_forget_employments (KontorStore   *self,
                                           KontorRecord  *record,
                                           GError       **error);

G_END_DECLS
