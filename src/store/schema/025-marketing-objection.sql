-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 25: a contact's objection to marketing
-- ("Werbewiderspruch", feature X11, src/README.md "Data protection").
-- Set, the contact is left out of every marketing action
-- (kontor_contact_allows_marketing()). No one objects until told.

ALTER TABLE contact ADD COLUMN marketing_objection INTEGER NOT NULL DEFAULT 0;
