-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 10: the change history (feature X8, src/README.md
-- "The outbox as history"). The outbox is what is still to be sent; once
-- the sync client has pushed an entry it may go, and two edits of a field
-- before a push are one entry. The journal keeps every change of a field
-- (who, what, old and new value, when) for the record's page: one row per
-- edit, written with the outbox entry in the same transaction. Creations
-- are the record's created_at and need no row. A deleted record's journal
-- goes with it (personal data), as its outbox entries do.

CREATE TABLE journal (
  rid       INTEGER PRIMARY KEY,
  entity    TEXT    NOT NULL,
  entity_id TEXT    NOT NULL,
  op        TEXT    NOT NULL,
  field     TEXT,
  old_json  TEXT,
  new_json  TEXT,
  user_id   TEXT,
  at        INTEGER NOT NULL
);

CREATE INDEX journal_entity ON journal (entity_id, rid);

-- what the outbox already holds of the history
INSERT INTO journal (entity, entity_id, op, field, old_json, new_json, user_id, at)
  SELECT entity, entity_id, op, field, old_value_json, value_json, user_id, created_at
  FROM outbox WHERE op != 'create' ORDER BY client_seq;
