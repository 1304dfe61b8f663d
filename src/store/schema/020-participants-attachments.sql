-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 20: who took part in an activity, what is
-- attached to it (features A4, A5) and a contact's "stay in touch"
-- interval (feature R2); src/README.md "Activities" and "Reminders".
--
-- The participants, files and links are fields of the activity's own row,
-- each a JSON array (kontor-activity.c says their shape): they travel with
-- the activity, in its scope, and an activity holds at most three files
-- and three links. NULL is none.
--
-- blob lists the files this machine keeps under the profile's data folder,
-- named by their SHA-256 (the same file twice is kept once); "uploaded"
-- says the team server has it. This machine's own, never synced.
--
-- reminder_sent remembers which reminders that are not a task's (a
-- birthday, "stay in touch") this machine has shown, once each per
-- period: the year of a birthday, the last activity of a contact.

ALTER TABLE activity ADD COLUMN participant_contacts TEXT;
ALTER TABLE activity ADD COLUMN participant_users TEXT;
ALTER TABLE activity ADD COLUMN attachments TEXT;
ALTER TABLE activity ADD COLUMN links TEXT;

ALTER TABLE contact ADD COLUMN keep_in_touch_days INTEGER NOT NULL DEFAULT 0;

CREATE TABLE blob (
  sha256    TEXT    PRIMARY KEY,
  size      INTEGER NOT NULL,
  uploaded  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE reminder_sent (
  kind       INTEGER NOT NULL,
  record_id  TEXT    NOT NULL,
  period     TEXT    NOT NULL,
  sent_at    INTEGER NOT NULL,
  PRIMARY KEY (kind, record_id, period)
) WITHOUT ROWID;
