-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 16: the list of all activities (feature A6,
-- src/README.md "Activities"), searched and newest first at 100,000.
--
-- activity_search holds each activity's subject and notes, and their
-- German transliteration where it differs ("Müller" is found as
-- "mueller"), under the activity's rid; the store writes it with every
-- write of an activity, and the migration's step indexes those stored
-- before (since schema 26, _kontor_store_index_notes()). The order index is the timeline's "when": the
-- time it happened or starts, the time a task was done, or its creation;
-- with the kind first for one kind, and of the open tasks alone.

CREATE VIRTUAL TABLE activity_search USING fts5 (
  subject, notes, folded,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE INDEX activity_when ON activity (
  (CASE WHEN starts_at > 0 THEN starts_at WHEN done_at > 0 THEN done_at ELSE created_at END),
  rid);

-- one kind newest first, and the open tasks, walked without a sort
CREATE INDEX activity_kind_when ON activity (kind,
  (CASE WHEN starts_at > 0 THEN starts_at WHEN done_at > 0 THEN done_at ELSE created_at END),
  rid);
CREATE INDEX activity_open_tasks ON activity (
  (CASE WHEN starts_at > 0 THEN starts_at WHEN done_at > 0 THEN done_at ELSE created_at END),
  rid) WHERE kind = 0 AND done = 0;
