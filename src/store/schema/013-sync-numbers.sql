-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 13: the numbers the team server knows a change by
-- (src/store/kontor-store-sync.c). The outbox's client_seq has gaps (two
-- edits of a field become one entry, an edit back removes it), but the
-- server takes an installation's changes numbered without a gap: each
-- entry gets its push_seq when it is first sent, and keeps it until the
-- server has answered, however often it is sent again.

ALTER TABLE outbox ADD COLUMN push_seq INTEGER;
CREATE UNIQUE INDEX outbox_push ON outbox (push_seq) WHERE push_seq IS NOT NULL;

-- No version before this one sent anything: an entry marked as on its way
-- without a number is still to be sent.
UPDATE outbox SET state = 'pending' WHERE state = 'inflight';

-- A conflict the user answered waits here for its turn in the same
-- numbering: the answer is one more change of this installation.
ALTER TABLE conflict_local ADD COLUMN choice TEXT;
ALTER TABLE conflict_local ADD COLUMN choice_value_json TEXT;
ALTER TABLE conflict_local ADD COLUMN push_seq INTEGER;
