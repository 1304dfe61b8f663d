/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-group.c: contact groups and their members. */

#include "kontor-store-entity.h"

G_BEGIN_DECLS

extern KontorEntityInfo _kontor_store_group_entity;
extern KontorEntityInfo _kontor_store_group_member_entity;

G_END_DECLS
