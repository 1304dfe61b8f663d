-- SPDX-License-Identifier: GPL-3.0-or-later
-- Kontor schema version 3: the pipeline board.
--
-- is_new marks a contact nobody has handled yet (imported, or arrived from
-- a form): its card is red until someone changes anything about it.
-- Ranks order the cards of a column; the migration gives every contact one
-- right after this script (kontor-store-contact.c), in name order per
-- column, so that moving one card never has to rank its neighbours.

ALTER TABLE contact ADD COLUMN is_new INTEGER NOT NULL DEFAULT 0;
