-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 6: phone numbers are found by their digits, not
-- by the words of the full-text index (src/README.md "Search").
--
-- One row per key of a contact's phone number (kontor_phone_index_keys()):
-- "+" and the whole international number, and the digits from each later
-- digit group on. A query is one range of this primary key
-- (key >= '+4930' AND key < '+4930:'). The migration fills it, and writes
-- the search documents anew without the phone numbers, right after this
-- script (kontor-store-migrations.c).

CREATE TABLE contact_phone_key (
  key     TEXT    NOT NULL,
  contact INTEGER NOT NULL,   -- contact.rid
  PRIMARY KEY (key, contact)
) WITHOUT ROWID;
CREATE INDEX contact_phone_key_contact ON contact_phone_key (contact);
