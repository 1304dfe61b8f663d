/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-record.h"

G_BEGIN_DECLS

typedef enum
{
  KONTOR_TEAM_FIELD_NAME,
  KONTOR_TEAM_N_FIELDS
} KontorTeamField;

#define KONTOR_TYPE_TEAM (kontor_team_get_type ())

G_DECLARE_FINAL_TYPE (KontorTeam, kontor_team, KONTOR, TEAM, KontorRecord)

KontorTeam *kontor_team_new      (const char *name);
const char *kontor_team_get_name (KontorTeam *self);
void        kontor_team_set_name (KontorTeam *self,
                                  const char *name);

G_END_DECLS
