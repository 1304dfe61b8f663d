/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The protocol layer: what kontor-sync/1, the team sync between the app
 * and the server, says about the data, shared by the sync client and the
 * server, on the model alone (src/README.md "Layers", "Sync"). This file
 * is its entity mapping: every entity that syncs, named as the outbox's
 * entries name it (the store's table, where it has one), with who owns it
 * and how each field merges.
 *
 * A record kind's fields are not listed here: they are the STORED fields
 * of its field table, the column being the sync field name (src/README.md
 * "Records and ids"), read from the class at run time, so a new field
 * syncs by itself. Listed by hand is only what no field table says: the
 * columns of child rows and of the team's settings, the owners, and the
 * few fields merged last-writer-wins. tests/unit/test-sync-mapping.c
 * holds all of it to the store. The table is constant; every function may
 * be called from any thread. */

#define G_LOG_DOMAIN "kontor-protocol"

#include "config.h"

#include "kontor-sync-entity.h"

#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-activity.h"
#include "kontor-employment.h"
#include "kontor-group-member.h"
#include "kontor-group.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-pipeline-status.h"
#include "kontor-record.h"
#include "kontor-team.h"
#include "kontor-user.h"

/**
 * KontorSyncEntity:
 *
 * One synced entity: an opaque, constant row of the mapping, valid for the
 * life of the program.
 */
struct _KontorSyncEntity
{
  const char          *name;
  KontorSyncKind       kind;
  GType              (*get_type) (void);   /* records only */
  const char          *parent;             /* child rows only */
  KontorSyncOwner      owner;
  const char * const  *fields;             /* all but records, whose come from the class */
  const char * const  *lww_fields;         /* all other fields ask */
};

/* A channel row (kontor-store-children.c): owner_id and kind say whose
 * e-mail address or phone number it is and never change; on the wire the
 * kind is named by the owner's field column ("emails", "phones"). */
static const char * const channel_fields[] = {
  "owner_id", "kind", "label", "value", "position", NULL
};

/* A link row is created or deleted, never changed but for its position;
 * its outbox entries name the owner's field column ("sales_reps") as the
 * kind and carry the target. */
static const char * const link_fields[] = {
  "owner_id", "kind", "target_id", "position", NULL
};

/* The order of e-mail addresses, phone numbers and links is presentation
 * only: the last move wins rather than asking the user. */
static const char * const position_lww[] = { "position", NULL };

/* A card's place in its board column (src/README.md "Pipeline ranks");
 * the pipeline status, the column itself, still asks. */
static const char * const contact_lww[] = { "rank", NULL };

/* A lead's place in its project's board column, the same */
static const char * const lead_entry_lww[] = { "rank", NULL };

/* The settings of a number range (kontor-store-numbers.c). Not synced:
 * next_value, which each machine counts on by itself when it draws a
 * number (the store writes it without an outbox entry; the customer
 * numbers it makes sync with their records and stay unique by their own
 * check), and updated_at, for display only as every record's is. */
static const char * const number_range_fields[] = {
  "entity", "prefix", "year_format", "padding", NULL
};

/* The team's settings kept in the store's meta table rather than a table of
 * their own (kontor_store_set_keep_birthdays()): one row with a fixed id. */
static const char * const team_setting_fields[] = { "keep_birthdays", NULL };

/* What others refer to before what refers to it (a snapshot loads them in
 * this order into a database with foreign keys): users, teams and the
 * team's settings, then companies, then contacts (their company, team,
 * status and users), then what joins contacts to companies and groups,
 * then lead projects (their group and users), their statuses and their
 * entries (a contact, a status); each record kind's child rows right after
 * it. */
static const KontorSyncEntity entities[] = {
  { "team", KONTOR_SYNC_KIND_RECORD, kontor_team_get_type, NULL,
    KONTOR_SYNC_OWNER_ADMIN, NULL, NULL },
  { "app_user", KONTOR_SYNC_KIND_RECORD, kontor_user_get_type, NULL,
    KONTOR_SYNC_OWNER_ADMIN, NULL, NULL },
  { "app_user_link", KONTOR_SYNC_KIND_LINK, NULL, "app_user",
    KONTOR_SYNC_OWNER_ADMIN, link_fields, position_lww },
  { "number_range", KONTOR_SYNC_KIND_SETTING, NULL, NULL,
    KONTOR_SYNC_OWNER_ADMIN, number_range_fields, NULL },
  { "team_setting", KONTOR_SYNC_KIND_SETTING, NULL, NULL,
    KONTOR_SYNC_OWNER_ADMIN, team_setting_fields, NULL },
  { "pipeline_status", KONTOR_SYNC_KIND_RECORD, kontor_pipeline_status_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, NULL },
  { "company", KONTOR_SYNC_KIND_RECORD, kontor_company_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, NULL },
  { "company_channel", KONTOR_SYNC_KIND_CHANNEL, NULL, "company",
    KONTOR_SYNC_OWNER_CLIENT, channel_fields, position_lww },
  { "company_link", KONTOR_SYNC_KIND_LINK, NULL, "company",
    KONTOR_SYNC_OWNER_CLIENT, link_fields, position_lww },
  { "contact", KONTOR_SYNC_KIND_RECORD, kontor_contact_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, contact_lww },
  { "contact_channel", KONTOR_SYNC_KIND_CHANNEL, NULL, "contact",
    KONTOR_SYNC_OWNER_CLIENT, channel_fields, position_lww },
  { "contact_link", KONTOR_SYNC_KIND_LINK, NULL, "contact",
    KONTOR_SYNC_OWNER_CLIENT, link_fields, position_lww },
  { "employment", KONTOR_SYNC_KIND_RECORD, kontor_employment_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, NULL },
  { "activity", KONTOR_SYNC_KIND_RECORD, kontor_activity_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, NULL },
  { "contact_group", KONTOR_SYNC_KIND_RECORD, kontor_group_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, NULL },
  { "contact_group_link", KONTOR_SYNC_KIND_LINK, NULL, "contact_group",
    KONTOR_SYNC_OWNER_CLIENT, link_fields, position_lww },
  { "contact_group_member", KONTOR_SYNC_KIND_RECORD, kontor_group_member_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, NULL },
  { "lead_project", KONTOR_SYNC_KIND_RECORD, kontor_lead_project_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, NULL },
  { "lead_project_link", KONTOR_SYNC_KIND_LINK, NULL, "lead_project",
    KONTOR_SYNC_OWNER_CLIENT, link_fields, position_lww },
  { "lead_status", KONTOR_SYNC_KIND_RECORD, kontor_lead_status_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, NULL },
  { "lead_entry", KONTOR_SYNC_KIND_RECORD, kontor_lead_entry_get_type, NULL,
    KONTOR_SYNC_OWNER_CLIENT, NULL, lead_entry_lww },
};

static gboolean
strv_contains (const char * const *strv,
               const char         *text)
{
  return strv != NULL && g_strv_contains (strv, text);
}

/**
 * kontor_sync_entity_lookup:
 * @name: an entity name, as the store's tables and the outbox's entries
 *   name it ("contact", "contact_channel")
 *
 * Returns: (nullable) (transfer none): the entity called @name, %NULL for
 *   one that does not sync
 */
const KontorSyncEntity *
kontor_sync_entity_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (g_str_equal (entities[i].name, name))
        return &entities[i];
    }

  return NULL;
}

/**
 * kontor_sync_entity_nth:
 * @n: an index, from 0
 *
 * Walks the mapping: every parent comes before its child rows.
 *
 * Returns: (nullable) (transfer none): the @n-th entity, %NULL past the
 *   last
 */
const KontorSyncEntity *
kontor_sync_entity_nth (guint n)
{
  return n < G_N_ELEMENTS (entities) ? &entities[n] : NULL;
}

/**
 * kontor_sync_entity_get_name:
 * @self: an entity
 *
 * Returns: (transfer none): the entity name, which is the store's table
 *   and the outbox's entity
 */
const char *
kontor_sync_entity_get_name (const KontorSyncEntity *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

/**
 * kontor_sync_entity_get_kind:
 * @self: an entity
 *
 * Returns: what a row of @self is
 */
KontorSyncKind
kontor_sync_entity_get_kind (const KontorSyncEntity *self)
{
  g_return_val_if_fail (self != NULL, KONTOR_SYNC_KIND_RECORD);

  return self->kind;
}

/**
 * kontor_sync_entity_get_record_type:
 * @self: an entity
 *
 * Returns: the #KontorRecord subclass of a %KONTOR_SYNC_KIND_RECORD
 *   entity, %G_TYPE_INVALID for child rows and settings
 */
GType
kontor_sync_entity_get_record_type (const KontorSyncEntity *self)
{
  g_return_val_if_fail (self != NULL, G_TYPE_INVALID);

  return self->get_type != NULL ? self->get_type () : G_TYPE_INVALID;
}

/**
 * kontor_sync_entity_get_parent:
 * @self: an entity
 *
 * Returns: (nullable) (transfer none): the entity whose child rows @self
 *   holds (a channel's or link's owner), %NULL for records and settings
 */
const KontorSyncEntity *
kontor_sync_entity_get_parent (const KontorSyncEntity *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->parent != NULL ? kontor_sync_entity_lookup (self->parent) : NULL;
}

/**
 * kontor_sync_entity_get_owner:
 * @self: an entity
 *
 * Returns: who changes rows of @self
 */
KontorSyncOwner
kontor_sync_entity_get_owner (const KontorSyncEntity *self)
{
  g_return_val_if_fail (self != NULL, KONTOR_SYNC_OWNER_ADMIN);

  return self->owner;
}

/**
 * kontor_sync_entity_has_field:
 * @self: an entity
 * @field: a sync field name: a record's column ("last_name"), a child
 *   row's or setting's column ("label")
 *
 * Returns: whether @field of @self syncs
 */
gboolean
kontor_sync_entity_has_field (const KontorSyncEntity *self,
                              const char             *field)
{
  g_autoptr(GTypeClass) klass = NULL;
  const KontorField *found;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (self->get_type == NULL)
    return strv_contains (self->fields, field);

  klass = g_type_class_ref (self->get_type ());
  found = kontor_record_class_find_field (KONTOR_RECORD_CLASS (klass), field, NULL);

  return found != NULL && (found->flags & KONTOR_FIELD_STORED) != 0;
}

/**
 * kontor_sync_entity_get_policy:
 * @self: an entity
 * @field: a field of @self
 *
 * Returns: how concurrent changes of @field merge; %KONTOR_SYNC_POLICY_ASK,
 *   the safe answer, for a field @self does not have
 */
KontorSyncPolicy
kontor_sync_entity_get_policy (const KontorSyncEntity *self,
                               const char             *field)
{
  g_return_val_if_fail (self != NULL, KONTOR_SYNC_POLICY_ASK);
  g_return_val_if_fail (field != NULL, KONTOR_SYNC_POLICY_ASK);

  if (strv_contains (self->lww_fields, field) && kontor_sync_entity_has_field (self, field))
    return KONTOR_SYNC_POLICY_LWW;

  return KONTOR_SYNC_POLICY_ASK;
}

/**
 * kontor_sync_entity_dup_fields:
 * @self: an entity
 *
 * For a record kind, the columns of the STORED fields of its field table
 * in the table's order (child rows of a %KONTOR_FIELD_TYPE_CHANNELS or
 * %KONTOR_FIELD_TYPE_REFS field are also rows of their own entity).
 *
 * Returns: (transfer full) (array zero-terminated=1): the sync field names
 *   of @self
 */
char **
kontor_sync_entity_dup_fields (const KontorSyncEntity *self)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  KontorRecordClass *record_class;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->get_type == NULL)
    return g_strdupv ((char **) self->fields);

  klass = g_type_class_ref (self->get_type ());
  record_class = KONTOR_RECORD_CLASS (klass);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < record_class->n_fields; i++)
    {
      if (record_class->fields[i].flags & KONTOR_FIELD_STORED)
        g_strv_builder_add (builder, record_class->fields[i].column);
    }

  return g_strv_builder_end (builder);
}
