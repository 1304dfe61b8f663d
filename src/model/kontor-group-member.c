/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-group-member"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-error.h"
#include "kontor-group-member.h"
#include "kontor-record-private.h"

/**
 * KontorGroupMember:
 *
 * A contact in a static group (feature L4, src/README.md "Groups"). A
 * record of its own rather than a list in the group's row, so that two
 * colleagues adding contacts to the same group offline both keep theirs
 * when they sync: each membership is created and deleted on its own, with
 * its own outbox entries and tombstone.
 */
struct _KontorGroupMember
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED

static const KontorField member_fields[KONTOR_GROUP_MEMBER_N_FIELDS] = {
  [KONTOR_GROUP_MEMBER_FIELD_GROUP_ID] = { "group-id", "group_id", KONTOR_FIELD_TYPE_REF, S,
                                           N_("Group") },
  [KONTOR_GROUP_MEMBER_FIELD_CONTACT_ID] = { "contact-id", "contact_id", KONTOR_FIELD_TYPE_REF, S,
                                             N_("Contact") },
};

#undef S

G_DEFINE_FINAL_TYPE (KontorGroupMember, kontor_group_member, KONTOR_TYPE_RECORD)

static gboolean
kontor_group_member_check (KontorRecord  *record,
                           KontorRecord  *old,
                           GError       **error)
{
  KontorGroupMember *self = KONTOR_GROUP_MEMBER (record);

  if (kontor_group_member_get_group_id (self) == NULL ||
      kontor_group_member_get_contact_id (self) == NULL)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("A group membership needs its group and its contact."));
      return FALSE;
    }

  return TRUE;
}

static void
kontor_group_member_class_init (KontorGroupMemberClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "contact_group_member",
                                      member_fields, G_N_ELEMENTS (member_fields));
  record_class->validate = kontor_group_member_check;
}

static void
kontor_group_member_init (KontorGroupMember *self)
{
}

/**
 * kontor_group_member_new:
 * @group_id: a static group's id
 * @contact_id: a contact's id
 *
 * Returns: (transfer full): a new, not yet stored membership
 */
KontorGroupMember *
kontor_group_member_new (const char *group_id,
                         const char *contact_id)
{
  KontorGroupMember *self = g_object_new (KONTOR_TYPE_GROUP_MEMBER, NULL);

  kontor_group_member_set_group_id (self, group_id);
  kontor_group_member_set_contact_id (self, contact_id);

  return self;
}

KONTOR_RECORD_STRING_ACCESSORS (KontorGroupMember, kontor_group_member, group_id,
                                KONTOR_GROUP_MEMBER_FIELD_GROUP_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorGroupMember, kontor_group_member, contact_id,
                                KONTOR_GROUP_MEMBER_FIELD_CONTACT_ID)
