/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-team"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-error.h"
#include "kontor-record-private.h"
#include "kontor-team.h"
#include "kontor-text.h"

/**
 * KontorTeam:
 *
 * A group of colleagues ("Kompetenz", features C7, U1, src/README.md) that contacts can be
 * assigned to.
 */
struct _KontorTeam
{
  KontorRecord parent_instance;
};

static const KontorField team_fields[KONTOR_TEAM_N_FIELDS] = {
  [KONTOR_TEAM_FIELD_NAME] = { "name", "name", KONTOR_FIELD_TYPE_STRING, KONTOR_FIELD_STORED,
                               N_("Name") },
};

G_DEFINE_FINAL_TYPE (KontorTeam, kontor_team, KONTOR_TYPE_RECORD)

static char *
kontor_team_dup_display_name (KontorRecord *record)
{
  return g_strdup (kontor_team_get_name (KONTOR_TEAM (record)));
}

static void
kontor_team_field_changed (KontorRecord *record,
                           guint         index)
{
  _kontor_record_notify_display_name (record);
}

/* A team needs a name. */
static gboolean
kontor_team_check (KontorRecord  *record,
                   KontorRecord  *old,
                   GError       **error)
{
  if (kontor_text_is_blank (kontor_team_get_name (KONTOR_TEAM (record))))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Enter a name for the team."));
      return FALSE;
    }

  return TRUE;
}

static void
kontor_team_class_init (KontorTeamClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "team",
                                      team_fields, G_N_ELEMENTS (team_fields));
  record_class->dup_display_name = kontor_team_dup_display_name;
  record_class->field_changed = kontor_team_field_changed;
  record_class->validate = kontor_team_check;
}

static void
kontor_team_init (KontorTeam *self)
{
}

/**
 * kontor_team_new:
 * @name: the team's name
 *
 * Returns: (transfer full): a new, not yet stored team
 */
KontorTeam *
kontor_team_new (const char *name)
{
  KontorTeam *self = g_object_new (KONTOR_TYPE_TEAM, NULL);

  kontor_team_set_name (self, name);

  return self;
}

KONTOR_RECORD_STRING_ACCESSORS (KontorTeam, kontor_team, name, KONTOR_TEAM_FIELD_NAME)
