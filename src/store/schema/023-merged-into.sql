-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 23: a contact merged into another (feature X1,
-- src/README.md "Duplicates"). The removed contact's tombstone names the
-- contact it was merged into, and so does its "delete" outbox entry, so
-- that other machines move what they hold of it (an activity recorded
-- offline) to the kept contact instead of losing it with the delete.
-- NULL for every other delete.

ALTER TABLE tombstone ADD COLUMN merged_into TEXT;
