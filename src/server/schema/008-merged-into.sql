-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 8: the contact a deleted contact was
-- merged into (feature X1; src/protocol/PROTOCOL.md "Pushing"). The server
-- is the authority for a merge: when it takes a contact's delete with
-- merged_into it moves every living row that names the removed contact
-- to the kept one, and a row pushed later naming the removed contact is
-- moved the same way (kontor-server-sync.c, move_merged_references ()).
-- For that it must know, for a deleted contact, where it went; the
-- change log's delete holds it too, but the log is compacted.

ALTER TABLE record ADD COLUMN merged_into text;

-- whether a workspace has merged contacts at all, asked once per push
CREATE INDEX record_merged ON record (workspace_id) WHERE merged_into IS NOT NULL;
