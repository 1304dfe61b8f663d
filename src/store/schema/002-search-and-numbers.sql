-- SPDX-License-Identifier: GPL-3.0-or-later
-- Kontor schema version 2: full-text search over contacts, and customer
-- number ranges ("Nummernkreise").
--
-- The search document of a contact is written by the store (kontor-store-
-- records.c) in the same transaction as the contact; the migration fills it
-- for existing contacts right after this script, in the same transaction.
-- unicode61 with remove_diacritics 2 folds "Müller" to "muller"; the store
-- adds German transliterations ("Mueller") and the international digits of
-- every phone number ("4930123…") to the document.

CREATE VIRTUAL TABLE contact_search USING fts5 (
  name, company, email, phone, number, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

CREATE TABLE number_range (
  id          TEXT    PRIMARY KEY,
  entity      TEXT    NOT NULL UNIQUE,
  prefix      TEXT    NOT NULL DEFAULT '',
  year_format INTEGER NOT NULL DEFAULT 0 CHECK (year_format BETWEEN 0 AND 2),
  padding     INTEGER NOT NULL DEFAULT 5 CHECK (padding BETWEEN 1 AND 12),
  next_value  INTEGER NOT NULL DEFAULT 1 CHECK (next_value >= 1),
  updated_at  INTEGER NOT NULL DEFAULT 0
);

INSERT INTO number_range (id, entity, prefix, year_format, padding, next_value)
VALUES ('00000000-0000-7000-8000-000000000101', 'contact', 'K-', 1, 5, 1);
