-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 7: who holds a file (src/protocol/PROTOCOL.md
-- "Blobs"). An account that uploaded a file's bytes (PUT /v1/blobs/…,
-- whether the workspace kept them already or not) has shown it holds the
-- file, and may name it on an activity; anyone else only when it already
-- sees an activity naming it (the push's may_name_files (),
-- src/server/kontor-server-sync.c). blob.created_by says only who was
-- first: two users attaching the same price list each upload it, and each
-- may name it.

CREATE TABLE blob_holder (
  workspace_id uuid NOT NULL,
  sha256       text NOT NULL,
  account_id   uuid NOT NULL,
  PRIMARY KEY (workspace_id, sha256, account_id),
  FOREIGN KEY (workspace_id, sha256) REFERENCES blob (workspace_id, sha256) ON DELETE CASCADE
);

-- the uploads before this version: their first uploaders
INSERT INTO blob_holder (workspace_id, sha256, account_id)
  SELECT workspace_id, sha256, created_by FROM blob WHERE created_by IS NOT NULL;
