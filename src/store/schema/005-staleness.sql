-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 5: staleness (features X7, X5, src/README.md). A card is stale
-- when its column has stale_days (0: never) and neither an activity nor
-- its arrival in the column is more recent than that; pipeline_entered_at
-- (Unix seconds) is when the contact got its pipeline status, which the
-- card shows as days in the column. Contacts that were there before take
-- the time they were last changed.

ALTER TABLE pipeline_status ADD COLUMN stale_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contact ADD COLUMN pipeline_entered_at INTEGER NOT NULL DEFAULT 0;
UPDATE contact SET pipeline_entered_at = updated_at;
