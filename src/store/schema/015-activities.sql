-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 15: activities (features A1–A3, A7, A8,
-- src/README.md "Activities"). A task, e-mail, lunch, meeting, call,
-- video call or note recorded on one contact or one company, with its
-- topic. A record kind of its own: outbox entries, a tombstone, history.
-- It goes with its contact (personal data) or company, as their deletes
-- do on every machine.
--
-- happened_at is the record's own (kontor-activity.c): when a done
-- activity happened, 0 while it is not done. The store keeps a contact's
-- and a company's last_activity_at the latest of theirs. Dates of the last activity written before this
-- version (the sample team's) stay until the record's first activity.

CREATE TABLE activity (
  rid         INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  rev         INTEGER NOT NULL DEFAULT 0,
  field_revs  TEXT    NOT NULL DEFAULT '{}',
  kind        INTEGER NOT NULL DEFAULT 6,
  topic       INTEGER NOT NULL DEFAULT 3,
  contact_id  TEXT    REFERENCES contact (id) ON DELETE CASCADE,
  company_id  TEXT    REFERENCES company (id) ON DELETE CASCADE,
  subject     TEXT,
  notes       TEXT,
  starts_at   INTEGER NOT NULL DEFAULT 0,
  ends_at     INTEGER NOT NULL DEFAULT 0,
  location    TEXT,
  due_on      TEXT,
  remind_at   INTEGER NOT NULL DEFAULT 0,
  done        INTEGER NOT NULL DEFAULT 0,
  done_at     INTEGER NOT NULL DEFAULT 0,
  automatic   INTEGER NOT NULL DEFAULT 0,
  created_by  TEXT,
  happened_at INTEGER NOT NULL DEFAULT 0
);

-- a contact's and a company's timeline, and their last activity
CREATE INDEX activity_contact ON activity (contact_id, happened_at) WHERE contact_id IS NOT NULL;
CREATE INDEX activity_company ON activity (company_id, happened_at) WHERE company_id IS NOT NULL;
