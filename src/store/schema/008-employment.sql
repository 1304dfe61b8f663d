-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 8: former employments (feature C3, src/README.md
-- "Employer history"). A company change ("Firmenwechsel") keeps where a
-- contact worked before: the company, the job title then, from and to
-- (ISO dates; from may be unknown). A record kind of its own: it syncs
-- with outbox entries and tombstones like every other. It goes with its
-- contact (personal data) and with its company, as their deletes do on
-- every machine.

CREATE TABLE employment (
  rid        INTEGER PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  rev        INTEGER NOT NULL DEFAULT 0,
  field_revs TEXT    NOT NULL DEFAULT '{}',
  contact_id TEXT    NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  company_id TEXT    NOT NULL REFERENCES company (id) ON DELETE CASCADE,
  job_title  TEXT,
  started_on TEXT,
  ended_on   TEXT
);

-- the contact page lists a contact's, the company page a company's, both
-- newest first
CREATE INDEX employment_contact ON employment (contact_id, ended_on);
CREATE INDEX employment_company ON employment (company_id, ended_on);
