/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* For tests and benchmarks only: every private header of the store. A
 * store file includes just the headers of the layers below it (see the
 * top of kontor-store.c). */

#include "kontor-store-activity.h"
#include "kontor-store-children.h"
#include "kontor-store-company.h"
#include "kontor-store-contact.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"
#include "kontor-store-entity.h"
#include "kontor-store-group.h"
#include "kontor-store-index.h"
#include "kontor-store-migrations.h"
#include "kontor-store-numbers.h"
#include "kontor-store-outbox.h"
#include "kontor-store-pipeline.h"
#include "kontor-store-query.h"
#include "kontor-store-team.h"
#include "kontor-store-user.h"
