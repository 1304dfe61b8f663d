-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 10: a contact is in a lead project once
-- (src/README.md "Lead projects"). The app's table lead_entry has
-- UNIQUE (project_id, contact_id), but two machines that add the same
-- contact to a project offline both pushed, and the server took both: each
-- machine kept its own entry and set the other's aside. Now a unique index
-- over the living lead_entry records refuses the second; the push maps the
-- violation to the rejection "lead_entry_taken" (kontor-server-sync.c,
-- src/protocol/PROTOCOL.md "Push"). An index, not a check in C, so that it
-- holds whatever runs at once.
--
-- Entries made twice before this version: the first pushed (the lowest
-- revision of its project_id, which never changes after the create) stays;
-- each other one is deleted as the server's change, numbered by the
-- workspace's clock and logged, so that every machine's pull takes it away
-- too. Its values stay in its record (deleted, not removed); its earlier
-- changes become deletes in the log, so a machine that pulls from the
-- start does not meet it. The one that stays is logged again whole, with its fields'
-- revisions: the machines that made the other one had set it aside when
-- they pulled it (their table's UNIQUE refused it), and take it now that
-- theirs is gone; the others have it at these revisions already.

CREATE TEMPORARY TABLE lead_entry_twice ON COMMIT DROP AS
  SELECT d.workspace_id, d.id, d.project_id, d.contact_id,
         w.last_seq + row_number () OVER (PARTITION BY d.workspace_id
                                          ORDER BY d.since, d.id) AS seq
  FROM (SELECT workspace_id, id, fields->>'project_id' AS project_id,
               fields->>'contact_id' AS contact_id,
               coalesce ((field_revs->>'project_id')::bigint, rev) AS since,
               row_number () OVER (PARTITION BY workspace_id, fields->>'project_id',
                                   fields->>'contact_id'
                                   ORDER BY coalesce ((field_revs->>'project_id')::bigint, rev),
                                            id) AS n
        FROM record
        WHERE entity = 'lead_entry' AND NOT deleted) d
  JOIN workspace w ON w.id = d.workspace_id
  WHERE d.n > 1;

UPDATE record r SET deleted = true, deleted_rev = t.seq, rev = t.seq
FROM lead_entry_twice t
WHERE r.workspace_id = t.workspace_id AND r.entity = 'lead_entry' AND r.id = t.id;

-- their earlier changes in the log become deletes of them: a machine
-- that pulls from before them (a new one, from the start) would set the
-- second entry aside again for the first. Rewritten, not removed: every
-- number the clock gave stays in the log, once.
UPDATE change_log l SET op = 'delete', fields = '{}', old_values = '{}'
FROM lead_entry_twice t
WHERE l.workspace_id = t.workspace_id AND l.entity = 'lead_entry' AND l.entity_id = t.id
  AND l.seq < t.seq;

INSERT INTO change_log (workspace_id, seq, entity, entity_id, op, actor, client_id, client_seq,
                        scope_owner, scope)
SELECT t.workspace_id, t.seq, 'lead_entry', t.id, 'delete',
       '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000', 0,
       r.fields->>'contact_id', r.scope
FROM lead_entry_twice t
JOIN record r ON r.workspace_id = t.workspace_id AND r.entity = 'lead_entry' AND r.id = t.id;

CREATE TEMPORARY TABLE lead_entry_kept ON COMMIT DROP AS
  SELECT r.workspace_id, r.id,
         m.last_seq + row_number () OVER (PARTITION BY r.workspace_id ORDER BY r.id) AS seq
  FROM record r
  JOIN (SELECT workspace_id, max (seq) AS last_seq FROM lead_entry_twice
        GROUP BY workspace_id) m ON m.workspace_id = r.workspace_id
  WHERE r.entity = 'lead_entry' AND NOT r.deleted
    AND EXISTS (SELECT 1 FROM lead_entry_twice t
                WHERE t.workspace_id = r.workspace_id
                  AND t.project_id = r.fields->>'project_id'
                  AND t.contact_id = r.fields->>'contact_id');

UPDATE record r SET rev = k.seq
FROM lead_entry_kept k
WHERE r.workspace_id = k.workspace_id AND r.entity = 'lead_entry' AND r.id = k.id;

INSERT INTO change_log (workspace_id, seq, entity, entity_id, op, fields, actor, client_id,
                        client_seq, scope_owner, scope)
SELECT k.workspace_id, k.seq, 'lead_entry', k.id, 'upsert',
       (SELECT coalesce (jsonb_object_agg (f.key, jsonb_build_object (
                           'value', f.value,
                           'rev', coalesce ((r.field_revs->>f.key)::bigint, k.seq))), '{}')
        FROM jsonb_each (r.fields) f),
       '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000', 0,
       r.fields->>'contact_id', r.scope
FROM lead_entry_kept k
JOIN record r ON r.workspace_id = k.workspace_id AND r.entity = 'lead_entry' AND r.id = k.id;

UPDATE workspace w SET last_seq = t.last_seq
FROM (SELECT workspace_id, max (seq) AS last_seq
      FROM (SELECT workspace_id, seq FROM lead_entry_twice
            UNION ALL SELECT workspace_id, seq FROM lead_entry_kept) s
      GROUP BY workspace_id) t
WHERE w.id = t.workspace_id;

CREATE UNIQUE INDEX record_lead_entry_once ON record
  (workspace_id, (fields->>'project_id'), (fields->>'contact_id'))
  WHERE entity = 'lead_entry' AND NOT deleted;
