-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 6: the files attached to activities
-- (feature A5; src/protocol/PROTOCOL.md "Blobs").
--
-- A file is kept once per workspace under its SHA-256, whoever uploaded
-- it and however many activities name it. Its bytes are in PostgreSQL,
-- beside the records that name them (src/server/README.md "Schema" says
-- why). An activity names its files in its field "attachments", a JSON
-- array of objects {"sha256", "name", "size", "type"} kept as text.

CREATE TABLE blob (
  workspace_id uuid        NOT NULL REFERENCES workspace (id),
  sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size         bigint      NOT NULL CHECK (size >= 0),
  data         bytea       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now (),
  created_by   uuid,
  PRIMARY KEY (workspace_id, sha256)
);
-- files are mostly compressed already (pictures, PDF, office files): kept
-- out of line as they are, without a try at compressing them
ALTER TABLE blob ALTER COLUMN data SET STORAGE EXTERNAL;

-- The hashes an activity's "attachments" names; none for NULL, and for a
-- text that is not such a JSON array (the server never refused one:
-- what a client wrote badly must not stop its reads). IMMUTABLE, for the
-- index below, whose look-up the planner is to prefer to parsing every
-- activity of the workspace (hence its cost: it reads JSON).
CREATE FUNCTION kontor_attachment_hashes (attachments text)
RETURNS text[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 1000 AS $$
BEGIN
  IF attachments IS NULL OR attachments NOT LIKE '[%' THEN
    RETURN '{}';
  END IF;
  -- a block of its own: only a text that looks like an array pays for
  -- the subtransaction of the exception handler
  BEGIN
    RETURN coalesce (array (SELECT e->>'sha256' FROM jsonb_array_elements (attachments::jsonb) AS e
                            WHERE jsonb_typeof (e) = 'object' AND e->>'sha256' IS NOT NULL),
                     '{}');
  EXCEPTION WHEN data_exception THEN
    RETURN '{}';
  END;
END
$$;

-- the activities that name a file, for GET /v1/blobs/{sha256}
CREATE INDEX record_attachment ON record
  USING gin (kontor_attachment_hashes (fields->>'attachments'))
  WHERE entity = 'activity';
