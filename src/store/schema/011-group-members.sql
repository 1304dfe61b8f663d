-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 11: the members of static groups (feature L4,
-- src/README.md "Groups") become records of their own, with the columns
-- every synced record has: adding a contact to a group and taking it out
-- are a create and a delete with outbox entries and a tombstone, so two
-- colleagues who fill the same group offline both keep what they added.
-- The old table had no such columns: its rows are copied, created now.

ALTER TABLE contact_group_member RENAME TO contact_group_member_old;

CREATE TABLE contact_group_member (
  rid        INTEGER PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  rev        INTEGER NOT NULL DEFAULT 0,
  field_revs TEXT    NOT NULL DEFAULT '{}',
  group_id   TEXT    NOT NULL REFERENCES contact_group (id) ON DELETE CASCADE,
  contact_id TEXT    NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  UNIQUE (group_id, contact_id)
);

INSERT INTO contact_group_member (id, created_at, updated_at, group_id, contact_id)
  SELECT id, CAST (strftime ('%s', 'now') AS INTEGER), CAST (strftime ('%s', 'now') AS INTEGER),
         group_id, contact_id
  FROM contact_group_member_old;

DROP TABLE contact_group_member_old;

-- a contact's groups (its page, forgetting them when it is deleted)
CREATE INDEX contact_group_member_contact ON contact_group_member (contact_id);
