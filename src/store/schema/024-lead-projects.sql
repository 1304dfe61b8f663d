-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 24: lead projects ("Leadmanager", features D2–D4,
-- X5, X6; src/README.md "Lead projects"). Three record kinds, each with
-- outbox entries, a tombstone and history:
--
-- lead_project: a name, the product or campaign, the users responsible
--   (link rows), a linked group whose members join (kept when the group
--   goes: the link is cleared), archived, the default currency.
-- lead_status: a project's own list; role 1 is the first status, 2 won,
--   3 lost (the system's), 0 the users'. wip_limit 0 is none,
--   probability -1 none.
-- lead_entry: a contact in a project, once (UNIQUE), with its status and
--   rank on the project's board, the colleague working it, a value in
--   whole cents (an INTEGER: sums are exact), its currency (the
--   project's when it was made without one), a probability
--   (-1 none), the expected close date, internal notes, when the contact
--   left the linked group (0 while in) and how it joined (0 by hand,
--   1 through the group).
--
-- Statuses and entries go with their project, entries with their contact
-- (ON DELETE CASCADE), as on every machine that learns of the delete.
-- Activities name the entry they were recorded on (below).

CREATE TABLE lead_project (
  rid        INTEGER PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  rev        INTEGER NOT NULL DEFAULT 0,
  field_revs TEXT    NOT NULL DEFAULT '{}',
  name       TEXT,
  product    TEXT,
  group_id   TEXT    REFERENCES contact_group (id) ON DELETE SET NULL,
  archived   INTEGER NOT NULL DEFAULT 0,
  currency   TEXT    NOT NULL DEFAULT 'EUR'
);

CREATE TABLE lead_project_link (
  owner_id  TEXT    NOT NULL REFERENCES lead_project (id) ON DELETE CASCADE,
  kind      INTEGER NOT NULL,
  target_id TEXT    NOT NULL,
  position  INTEGER NOT NULL DEFAULT 0,
  rev       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (owner_id, kind, target_id)
) WITHOUT ROWID;

CREATE TABLE lead_status (
  rid         INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  rev         INTEGER NOT NULL DEFAULT 0,
  field_revs  TEXT    NOT NULL DEFAULT '{}',
  project_id  TEXT    NOT NULL REFERENCES lead_project (id) ON DELETE CASCADE,
  name        TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  role        INTEGER NOT NULL DEFAULT 0,
  wip_limit   INTEGER NOT NULL DEFAULT 0,
  probability INTEGER NOT NULL DEFAULT -1
);

-- a project's list in its order
CREATE INDEX lead_status_project ON lead_status (project_id, position);

CREATE TABLE lead_entry (
  rid         INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  rev         INTEGER NOT NULL DEFAULT 0,
  field_revs  TEXT    NOT NULL DEFAULT '{}',
  project_id  TEXT    NOT NULL REFERENCES lead_project (id) ON DELETE CASCADE,
  contact_id  TEXT    NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  status_id   TEXT    NOT NULL,
  rank        TEXT,
  assignee_id TEXT,
  value_cents INTEGER NOT NULL DEFAULT 0,
  currency    TEXT,
  probability INTEGER NOT NULL DEFAULT -1,
  close_on    TEXT,
  notes       TEXT,
  left_at     INTEGER NOT NULL DEFAULT 0,
  joined_by   INTEGER NOT NULL DEFAULT 0,
  UNIQUE (project_id, contact_id)
);

-- a column of a project's board in rank order, its count and sum
CREATE INDEX lead_entry_status ON lead_entry (status_id, rank);
-- a contact's projects (its page, forgetting them when it is deleted)
CREATE INDEX lead_entry_contact ON lead_entry (contact_id);

-- A follow-up ("Wiedervorlage") of an entry is a task on the entry's
-- contact that names the entry, so that Today, the reminders and the
-- contact's timeline have it as every task. No foreign key: a snapshot
-- loads activities before lead entries; an activity whose entry was
-- deleted stays on its contact.
ALTER TABLE activity ADD COLUMN lead_entry_id TEXT;

-- an entry's follow-ups
CREATE INDEX activity_lead_entry ON activity (lead_entry_id) WHERE lead_entry_id IS NOT NULL;
