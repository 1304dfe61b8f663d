-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 1: the workspace with its clock, the
-- accounts that log in and their sessions (src/server/README.md).
--
-- The workspace row is the clock of kontor-sync/1: every push locks it
-- and takes its sequence numbers from last_seq, so changes commit in
-- sequence order with no gap (src/protocol/PROTOCOL.md "Sequence numbers").

CREATE TABLE workspace (
  id               uuid        PRIMARY KEY,
  name             text        NOT NULL,
  last_seq         bigint      NOT NULL DEFAULT 0,
  min_retained_seq bigint      NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Who logs in. The password is an Argon2id hash in its encoded form
-- ($argon2id$v=19$m=…,t=…,p=…$salt$hash), never the password.
CREATE TABLE account (
  id            uuid        PRIMARY KEY,
  workspace_id  uuid        NOT NULL REFERENCES workspace (id),
  username      text        NOT NULL UNIQUE,
  display_name  text        NOT NULL DEFAULT '',
  role          text        NOT NULL CHECK (role IN ('admin', 'sales', 'assistant', 'viewer')),
  password_hash text        NOT NULL,
  disabled      boolean     NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- A login: only the SHA-256 of the opaque token is kept, so a copy of the
-- database logs nobody in. The expiry slides with use.
CREATE TABLE session (
  token_sha256 bytea       PRIMARY KEY,
  account_id   uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  client_id    uuid        NOT NULL,
  device_name  text        NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);

CREATE INDEX session_account ON session (account_id);
