-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 14: who made the value a conflict keeps, and when
-- (the conflicts list of the team server says so while its change log has
-- the change), for the Conflicts window (src/README.md "Conflicts").

ALTER TABLE conflict_local ADD COLUMN theirs_by TEXT;
ALTER TABLE conflict_local ADD COLUMN theirs_at TEXT;
