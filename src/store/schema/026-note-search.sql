-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 26: a search finds a contact by the names of the
-- files attached to its activities and by the notes of its lead entries
-- (feature X10, src/README.md "Operators, phrases and \"not\"").
--
-- activity_search gains a column, the names of the activity's files, so
-- it is made anew; lead_entry_search holds each lead entry's notes under
-- the entry's rid. Both keep the German transliteration in "folded". The
-- migration's step writes every activity's and lead entry's document
-- (index_notes() in kontor-store-migrations.c); the store writes them with every write
-- after, and the trigger takes an entry's document with its row, also
-- when a project or a contact is deleted and the entry goes by ON DELETE
-- CASCADE. The trigger of schema 19 does the same for activities; it
-- names activity_search by name and so serves the new table.

DROP TABLE activity_search;

CREATE VIRTUAL TABLE activity_search USING fts5 (
  subject, notes, files, folded,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE lead_entry_search USING fts5 (
  notes, folded,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER lead_entry_search_delete AFTER DELETE ON lead_entry
BEGIN
  DELETE FROM lead_entry_search WHERE rowid = old.rid;
END;
