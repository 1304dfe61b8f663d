-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 18: reminders (feature R2, src/README.md
-- "Reminders"). reminded_at is this machine's own (never synced, not a
-- field of the record): when it last showed the task's reminder. A
-- reminder is due when its time has come and it was not shown since;
-- a snooze moves remind_at past it, so it is due again later, once.

ALTER TABLE activity ADD COLUMN reminded_at INTEGER NOT NULL DEFAULT 0;

CREATE INDEX activity_reminders ON activity (remind_at, rid)
  WHERE kind = 0 AND done = 0 AND remind_at > 0;
