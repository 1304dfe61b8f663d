-- SPDX-License-Identifier: GPL-3.0-or-later
-- Kontor schema version 1: the records, their child rows, and the tables
-- the sync protocol needs on the client (src/README.md "Sync").
--
-- Every record: rid (local integer key, never synced), id (UUIDv7, made
-- offline), created_at/updated_at (Unix seconds, display only), rev (server
-- sequence of the last change) and field_revs (JSON object: field -> rev).
-- Enums are stored as integers, synced as their nicks.

CREATE TABLE app_user (
  rid        INTEGER PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  rev        INTEGER NOT NULL DEFAULT 0,
  field_revs TEXT    NOT NULL DEFAULT '{}',
  username   TEXT,
  full_name  TEXT,
  email      TEXT,
  role       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE team (
  rid        INTEGER PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  rev        INTEGER NOT NULL DEFAULT 0,
  field_revs TEXT    NOT NULL DEFAULT '{}',
  name       TEXT
);

CREATE TABLE company (
  rid              INTEGER PRIMARY KEY,
  id               TEXT    NOT NULL UNIQUE,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  rev              INTEGER NOT NULL DEFAULT 0,
  field_revs       TEXT    NOT NULL DEFAULT '{}',
  name             TEXT,
  customer_number  TEXT    UNIQUE,
  street           TEXT,
  postal_code      TEXT,
  city             TEXT,
  country          TEXT,
  website          TEXT,
  industry         TEXT,
  notes            TEXT,
  last_activity_at INTEGER NOT NULL DEFAULT 0,
  sort_name        BLOB    NOT NULL DEFAULT x'ff',
  sort_number      BLOB    NOT NULL DEFAULT x'ff'
);
CREATE INDEX company_sort_name ON company (sort_name, rid);

CREATE TABLE pipeline_status (
  rid        INTEGER PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  rev        INTEGER NOT NULL DEFAULT 0,
  field_revs TEXT    NOT NULL DEFAULT '{}',
  name       TEXT,
  key        TEXT    UNIQUE,
  position   INTEGER NOT NULL,
  is_system  INTEGER NOT NULL DEFAULT 0,
  active     INTEGER NOT NULL DEFAULT 1
);

-- The statuses every installation starts with. Their ids are the same on
-- every machine so that two machines that meet on a server agree on them;
-- they are not in the outbox. Names are NULL: the app shows them in the
-- user's language until someone renames one.
INSERT INTO pipeline_status (id, created_at, updated_at, key, position, is_system) VALUES
  ('00000000-0000-7000-8000-000000000001', 0, 0, 'new',         0, 1),
  ('00000000-0000-7000-8000-000000000002', 0, 0, 'in-progress', 1, 0),
  ('00000000-0000-7000-8000-000000000003', 0, 0, 'contacted',   2, 1),
  ('00000000-0000-7000-8000-000000000004', 0, 0, 'offer',       3, 0),
  ('00000000-0000-7000-8000-000000000005', 0, 0, 'won',         4, 1),
  ('00000000-0000-7000-8000-000000000006', 0, 0, 'lost',        5, 0);

CREATE TABLE contact (
  rid                INTEGER PRIMARY KEY,
  id                 TEXT    NOT NULL UNIQUE,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  rev                INTEGER NOT NULL DEFAULT 0,
  field_revs         TEXT    NOT NULL DEFAULT '{}',
  salutation         INTEGER NOT NULL DEFAULT 0,
  title              TEXT,
  first_name         TEXT,
  last_name          TEXT,
  job_title          TEXT,
  company_id         TEXT    REFERENCES company (id) ON DELETE SET NULL,
  street             TEXT,
  postal_code        TEXT,
  city               TEXT,
  country            TEXT,
  language           INTEGER NOT NULL DEFAULT 0,
  notes              TEXT,
  birthday           TEXT,
  status             INTEGER NOT NULL DEFAULT 1 CHECK (status BETWEEN 0 AND 3),
  previous_status    INTEGER NOT NULL DEFAULT 0 CHECK (previous_status BETWEEN 0 AND 3),
  is_lead            INTEGER NOT NULL DEFAULT 0,
  pipeline_status_id TEXT    REFERENCES pipeline_status (id),
  customer_number    TEXT    UNIQUE,
  assigned_team_id   TEXT    REFERENCES team (id) ON DELETE SET NULL,
  rank               TEXT,
  due_date           TEXT,
  last_activity_at   INTEGER NOT NULL DEFAULT 0,
  -- Sort keys (g_utf8_collate_key of folded text, see kontor-text.c), so that
  -- sorting 100 000 rows is an index walk; x'ff' sorts empty values last.
  sort_name          BLOB    NOT NULL DEFAULT x'ff',
  sort_company       BLOB    NOT NULL DEFAULT x'ff',
  sort_email         BLOB    NOT NULL DEFAULT x'ff',
  sort_phone         BLOB    NOT NULL DEFAULT x'ff',
  sort_number        BLOB    NOT NULL DEFAULT x'ff'
);
-- Indexes for what a list opens with (by name), the common clicks (company,
-- last activity) and the board; sorting by the other columns is an
-- in-memory sort of the matching rows, tens of milliseconds for 100 000,
-- while every index costs on each insert.
-- The status rides along in the sort indexes: the table's default filter
-- (all but archived) is then answered from the index alone, without
-- reading 100 000 rows.
CREATE INDEX contact_sort_name     ON contact (sort_name, rid, status);
CREATE INDEX contact_sort_company  ON contact (sort_company, rid, status);
CREATE INDEX contact_last_activity ON contact (last_activity_at, rid);
CREATE INDEX contact_company       ON contact (company_id);
CREATE INDEX contact_pipeline      ON contact (pipeline_status_id, rank);

-- E-mail addresses and phone numbers: rows of their own with their own id,
-- so that "A adds a number, B adds a number" merges as two inserts.
-- WITHOUT ROWID: the table is its id index.
CREATE TABLE contact_channel (
  id         TEXT    PRIMARY KEY,
  owner_id   TEXT    NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  kind       INTEGER NOT NULL,
  label      TEXT,
  value      TEXT    NOT NULL,
  position   INTEGER NOT NULL,
  rev        INTEGER NOT NULL DEFAULT 0,
  field_revs TEXT    NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
CREATE INDEX contact_channel_owner ON contact_channel (owner_id, kind, position);

CREATE TABLE company_channel (
  id         TEXT    PRIMARY KEY,
  owner_id   TEXT    NOT NULL REFERENCES company (id) ON DELETE CASCADE,
  kind       INTEGER NOT NULL,
  label      TEXT,
  value      TEXT    NOT NULL,
  position   INTEGER NOT NULL,
  rev        INTEGER NOT NULL DEFAULT 0,
  field_revs TEXT    NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
CREATE INDEX company_channel_owner ON company_channel (owner_id, kind, position);

-- Links from a record to users or teams (sales reps, assignees, team
-- membership), one row each for the same reason. A link is identified by
-- what it links: two machines adding the same sales rep make one link.
CREATE TABLE contact_link (
  owner_id  TEXT    NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  kind      INTEGER NOT NULL,
  target_id TEXT    NOT NULL,
  position  INTEGER NOT NULL DEFAULT 0,
  rev       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (owner_id, kind, target_id)
) WITHOUT ROWID;
CREATE INDEX contact_link_target ON contact_link (kind, target_id);

CREATE TABLE company_link (
  owner_id  TEXT    NOT NULL REFERENCES company (id) ON DELETE CASCADE,
  kind      INTEGER NOT NULL,
  target_id TEXT    NOT NULL,
  position  INTEGER NOT NULL DEFAULT 0,
  rev       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (owner_id, kind, target_id)
) WITHOUT ROWID;

CREATE TABLE app_user_link (
  owner_id  TEXT    NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  kind      INTEGER NOT NULL,
  target_id TEXT    NOT NULL,
  position  INTEGER NOT NULL DEFAULT 0,
  rev       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (owner_id, kind, target_id)
) WITHOUT ROWID;

CREATE TABLE contact_group (
  rid              INTEGER PRIMARY KEY,
  id               TEXT    NOT NULL UNIQUE,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  rev              INTEGER NOT NULL DEFAULT 0,
  field_revs       TEXT    NOT NULL DEFAULT '{}',
  name             TEXT,
  number           TEXT,
  assigned_team_id TEXT    REFERENCES team (id) ON DELETE SET NULL,
  is_dynamic       INTEGER NOT NULL DEFAULT 0,
  filter           TEXT
);

CREATE TABLE contact_group_link (
  owner_id  TEXT    NOT NULL REFERENCES contact_group (id) ON DELETE CASCADE,
  kind      INTEGER NOT NULL,
  target_id TEXT    NOT NULL,
  position  INTEGER NOT NULL DEFAULT 0,
  rev       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (owner_id, kind, target_id)
) WITHOUT ROWID;

CREATE TABLE contact_group_member (
  id         TEXT PRIMARY KEY,
  group_id   TEXT NOT NULL REFERENCES contact_group (id) ON DELETE CASCADE,
  contact_id TEXT NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  UNIQUE (group_id, contact_id)
);

-- Sync, client side (src/README.md "Sync"). Every local write appends field-level
-- entries here in the same transaction; client_seq is never reused
-- (AUTOINCREMENT). The entries double as the record's change history.
CREATE TABLE outbox (
  client_seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  entity          TEXT    NOT NULL,
  entity_id       TEXT    NOT NULL,
  op              TEXT    NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore')),
  field           TEXT,
  value_json      TEXT,
  old_value_json  TEXT,
  base_rev        INTEGER NOT NULL DEFAULT 0,
  after_local_seq INTEGER,
  user_id         TEXT,
  created_at      INTEGER NOT NULL,
  state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'inflight')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT
);
CREATE INDEX outbox_record ON outbox (entity_id, field, state);

CREATE TABLE record_shadow (
  entity          TEXT    NOT NULL,
  id              TEXT    NOT NULL,
  values_json     TEXT,
  field_revs_json TEXT,
  rev             INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (entity, id)
) WITHOUT ROWID;

CREATE TABLE conflict_local (
  id                TEXT    PRIMARY KEY,
  entity            TEXT    NOT NULL,
  entity_id         TEXT    NOT NULL,
  field             TEXT,
  kind              TEXT    NOT NULL,
  base_value_json   TEXT,
  theirs_value_json TEXT,
  theirs_rev        INTEGER,
  yours_value_json  TEXT,
  status            TEXT    NOT NULL DEFAULT 'open',
  created_at        INTEGER NOT NULL
);

CREATE TABLE rejected (
  client_seq  INTEGER PRIMARY KEY,
  entity      TEXT    NOT NULL,
  entity_id   TEXT    NOT NULL,
  fields_json TEXT,
  reason      TEXT    NOT NULL,
  at          INTEGER NOT NULL
);

CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

-- What was deleted, so that other machines learn of it. No personal data.
CREATE TABLE tombstone (
  entity     TEXT    NOT NULL,
  id         TEXT    NOT NULL,
  deleted_at INTEGER NOT NULL,
  deleted_by TEXT,
  rev        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (entity, id)
) WITHOUT ROWID;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;
