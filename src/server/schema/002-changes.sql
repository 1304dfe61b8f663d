-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 2: the records, their change log, what each
-- client pushed, and conflicts (src/protocol/PROTOCOL.md "Push", "Pull").
--
-- One table holds the rows of every entity: the protocol's entity table
-- (src/protocol/kontor-sync-entity.c) says which entities and fields
-- exist, so the server follows the app's field tables without a migration
-- per new field. Values and the revision of each field are JSON objects
-- keyed by field.

CREATE TABLE record (
  workspace_id uuid    NOT NULL REFERENCES workspace (id),
  entity       text    NOT NULL,
  id           text    NOT NULL,
  fields       jsonb   NOT NULL DEFAULT '{}',
  field_revs   jsonb   NOT NULL DEFAULT '{}',
  rev          bigint  NOT NULL,
  deleted      boolean NOT NULL DEFAULT false,
  deleted_rev  bigint,
  PRIMARY KEY (workspace_id, entity, id)
);

-- Every accepted change, numbered by the workspace's clock: what pulls
-- read. old_values keeps what a change replaced, so nothing is lost.
CREATE TABLE change_log (
  workspace_id uuid        NOT NULL REFERENCES workspace (id),
  seq          bigint      NOT NULL,
  entity       text        NOT NULL,
  entity_id    text        NOT NULL,
  op           text        NOT NULL CHECK (op IN ('upsert', 'delete', 'restore')),
  fields       jsonb       NOT NULL DEFAULT '{}',
  old_values   jsonb       NOT NULL DEFAULT '{}',
  actor        uuid        NOT NULL,
  client_id    uuid        NOT NULL,
  client_seq   bigint      NOT NULL,
  at           timestamptz NOT NULL DEFAULT now (),
  PRIMARY KEY (workspace_id, seq)
);

-- Each client's last mutation taken, and every mutation's result, replayed
-- verbatim when the same mutation comes again
CREATE TABLE client_watermark (
  client_id       uuid   PRIMARY KEY,
  account_id      uuid   NOT NULL REFERENCES account (id),
  last_client_seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE applied_mutation (
  client_id  uuid        NOT NULL,
  client_seq bigint      NOT NULL,
  result     jsonb       NOT NULL,
  at         timestamptz NOT NULL DEFAULT now (),
  PRIMARY KEY (client_id, client_seq)
);

-- A change the server could not take as it was: the same field changed
-- elsewhere (field), an edit of a deleted record (edit_vs_delete), a
-- delete of a record edited elsewhere (delete_vs_edit). Both values are
-- kept until a person decides.
CREATE TABLE conflict (
  id               uuid        PRIMARY KEY,
  workspace_id     uuid        NOT NULL REFERENCES workspace (id),
  entity           text        NOT NULL,
  entity_id        text        NOT NULL,
  field            text,
  kind             text        NOT NULL CHECK (kind IN ('field', 'edit_vs_delete',
                                                        'delete_vs_edit')),
  base_value       jsonb,
  theirs_value     jsonb,
  theirs_rev       bigint,
  yours_value      jsonb,
  yours_actor      uuid        NOT NULL,
  yours_client     uuid        NOT NULL,
  yours_client_seq bigint      NOT NULL,
  status           text        NOT NULL DEFAULT 'open'
                               CHECK (status IN ('open', 'resolved', 'superseded')),
  supersedes       uuid,
  resolution       jsonb,
  resolved_by      uuid,
  resolved_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now ()
);

CREATE INDEX conflict_open ON conflict (workspace_id, entity, entity_id, field)
  WHERE status = 'open';
