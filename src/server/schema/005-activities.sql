-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 5: activities (features A1–A3, A8) and
-- who sees them (feature X12; src/protocol/PROTOCOL.md "Scopes").
--
-- An activity recorded on a contact (contact_id) is seen by those who see
-- the contact, as its e-mail addresses, phone numbers, links, employments
-- and group memberships are: it leaves and arrives with the contact, and
-- who does not see the contact may not write it. One recorded on a
-- company (company_id; contact_id empty) is everyone's, as the company is.
--
-- Schema 4 named the entities that follow a contact in five places (an
-- index, three functions, its backfill) and kontor-server-sync.c in a
-- sixth; a new kind added to some of them would leak or be refused. From
-- this version kontor_follows_contact () alone names them: the functions
-- that listed them are replaced to ask it, and so does the push
-- (kontor_may_write ()).

-- Whether the rows of @ent follow the scope of the contact they belong to
-- (their owner_id or contact_id). The one list: a new entity that goes
-- with a contact is added here, by a migration of its own that replaces
-- this function and re-creates record_scope_owner, whose predicate it is
-- (PostgreSQL does not rebuild an index whose function changed). An SQL
-- function, so that the planner inlines it: a query that says
-- "kontor_follows_contact (entity)" matches the index's predicate.
CREATE FUNCTION kontor_follows_contact (ent text)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ent IN ('contact_channel', 'contact_link', 'employment', 'contact_group_member',
                 'activity')
$$;

-- the child rows of a contact, found by their contact (schema 4's index,
-- which left the activities out)
DROP INDEX record_scope_owner;
CREATE INDEX record_scope_owner ON record
  (workspace_id, (coalesce (fields->>'owner_id', fields->>'contact_id')))
  WHERE kontor_follows_contact (entity);

-- The contact a row of @ent belongs to for its scope, NULL when none (an
-- activity on a company has no contact_id: everyone's)
CREATE OR REPLACE FUNCTION kontor_scope_owner (ws uuid, ent text, rid text, sent jsonb)
RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  o text;
BEGIN
  IF ent = 'contact' THEN
    RETURN rid;
  END IF;
  IF NOT kontor_follows_contact (ent) THEN
    RETURN NULL;
  END IF;
  SELECT coalesce (r.fields->>'owner_id', r.fields->>'contact_id') INTO o FROM record r
  WHERE r.workspace_id = ws AND r.entity = ent AND r.id = rid;
  RETURN coalesce (o, sent->'owner_id'->>'value', sent->'contact_id'->>'value');
END
$$;

-- Whether @account may write the row @ent @rid (@sent: a create's fields).
-- The push asks for every mutation of an account that is not an
-- administrator (kontor-server-sync.c keeps no list of its own); a row
-- that follows no contact is answered at once.
CREATE OR REPLACE FUNCTION kontor_may_write (ws uuid, acc uuid, ent text, rid text, sent jsonb)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF ent <> 'contact' AND NOT kontor_follows_contact (ent) THEN
    RETURN true;
  END IF;
  RETURN kontor_sees ((SELECT r.scope FROM record r WHERE r.workspace_id = ws
                        AND r.entity = 'contact' AND r.id = kontor_scope_owner (ws, ent, rid, sent)),
                      kontor_account_scopes (ws, acc), kontor_is_admin (acc));
END
$$;

-- Logs, after @seq, what @accounts need of contact @owner: a revoke when
-- @arrive is false, else the contact and its living child rows, whole.
-- Returns the last number used.
CREATE OR REPLACE FUNCTION kontor_log_sight (ws uuid, owner text, accounts text[],
                                             arrive boolean, seq bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  r record;
  nil CONSTANT uuid := '00000000-0000-0000-0000-000000000000';
BEGIN
  IF accounts IS NULL OR cardinality (accounts) = 0 THEN
    RETURN seq;
  END IF;
  IF NOT arrive THEN
    seq := seq + 1;
    INSERT INTO change_log (workspace_id, seq, entity, entity_id, op, actor, client_id,
                            client_seq, scope)
    VALUES (ws, seq, 'contact', owner, 'revoke', nil, nil, 0, accounts);
    RETURN seq;
  END IF;
  -- the contact first: its rows name it
  FOR r IN SELECT entity, id, fields, field_revs FROM record
           WHERE workspace_id = ws AND NOT deleted
             AND ((entity = 'contact' AND id = owner)
                  OR (kontor_follows_contact (entity)
                      AND coalesce (fields->>'owner_id', fields->>'contact_id') = owner))
           ORDER BY entity <> 'contact', entity, id
  LOOP
    seq := seq + 1;
    INSERT INTO change_log (workspace_id, seq, entity, entity_id, op, fields, actor, client_id,
                            client_seq, scope)
    VALUES (ws, seq, r.entity, r.id, 'upsert',
            coalesce ((SELECT jsonb_object_agg (k, jsonb_build_object (
                                'value', v, 'rev', coalesce ((r.field_revs->>k)::bigint, 0)))
                       FROM jsonb_each (r.fields) AS e (k, v)), '{}'),
            nil, nil, 0, accounts);
  END LOOP;
  RETURN seq;
END
$$;

-- After the changes first_seq+1 .. seq of one transaction: the contacts
-- they touched get their scope again, their rows of this transaction
-- follow it, and whoever lost or gained sight of one is told (a contact
-- made in this transaction, in @created, was only its maker's, @pusher:
-- one made for others leaves the maker's machines). A change of an
-- account's teams or role tells that account of every contact it lost or
-- gained. Returns the last number used. (Schema 4's, but for the rows
-- that follow a contact, which kontor_follows_contact () names.)
CREATE OR REPLACE FUNCTION kontor_rescope (ws uuid, first_seq bigint, seq bigint,
                                           created text[], pusher uuid)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  last_seq CONSTANT bigint := seq;
  o text;
  old_scope text[];
  new_scope text[];
  lost text[];
  gained text[];
  acc record;
  c record;
BEGIN
  FOR o IN SELECT DISTINCT l.scope_owner FROM change_log l
           WHERE l.workspace_id = ws AND l.seq > first_seq AND l.seq <= last_seq
             AND l.scope_owner IS NOT NULL
  LOOP
    SELECT r.scope INTO old_scope FROM record r
    WHERE r.workspace_id = ws AND r.entity = 'contact' AND r.id = o;
    new_scope := kontor_contact_scope (ws, o);
    UPDATE change_log l SET scope = new_scope
    WHERE l.workspace_id = ws AND l.seq > first_seq AND l.seq <= last_seq
      AND l.scope_owner = o AND l.scope IS DISTINCT FROM new_scope;
    UPDATE record r SET scope = new_scope
    WHERE r.workspace_id = ws AND r.scope IS DISTINCT FROM new_scope
      AND ((r.entity = 'contact' AND r.id = o)
           OR (kontor_follows_contact (r.entity)
               AND coalesce (r.fields->>'owner_id', r.fields->>'contact_id') = o));
    IF o = ANY (created) THEN
      IF pusher IS NOT NULL AND NOT kontor_sees (new_scope, kontor_account_scopes (ws, pusher),
                                                 kontor_is_admin (pusher)) THEN
        seq := kontor_log_sight (ws, o, ARRAY[pusher::text], false, seq);
      END IF;
      CONTINUE;
    END IF;
    IF old_scope IS NOT DISTINCT FROM new_scope THEN
      CONTINUE;
    END IF;
    SELECT array_agg (a.id::text) FILTER (WHERE kontor_sees (old_scope, s.mine, false)
                                           AND NOT kontor_sees (new_scope, s.mine, false)),
           array_agg (a.id::text) FILTER (WHERE NOT kontor_sees (old_scope, s.mine, false)
                                           AND kontor_sees (new_scope, s.mine, false))
    INTO lost, gained
    FROM account a, LATERAL (SELECT kontor_account_scopes (ws, a.id) AS mine) s
    WHERE a.workspace_id = ws AND a.role <> 'admin';
    seq := kontor_log_sight (ws, o, lost, false, seq);
    seq := kontor_log_sight (ws, o, gained, true, seq);
  END LOOP;

  -- an account's teams changed: the contacts of those teams as it sees
  -- them now
  FOR acc IN SELECT a.id, array_agg (r.fields->>'target_id') AS teams
             FROM change_log l
             JOIN record r ON r.workspace_id = l.workspace_id AND r.entity = l.entity
                          AND r.id = l.entity_id
             JOIN account a ON a.id::text = r.fields->>'owner_id'
             WHERE l.workspace_id = ws AND l.seq > first_seq AND l.seq <= last_seq
               AND l.entity = 'app_user_link' AND r.fields->>'kind' = 'teams'
             GROUP BY a.id
  LOOP
    FOR c IN SELECT r.id, kontor_sees (r.scope, kontor_account_scopes (ws, acc.id),
                                       kontor_is_admin (acc.id)) AS sees
             FROM record r
             WHERE r.workspace_id = ws AND r.entity = 'contact' AND NOT r.deleted
               AND r.scope && acc.teams
             ORDER BY r.id
    LOOP
      seq := kontor_log_sight (ws, c.id, ARRAY[acc.id::text], c.sees, seq);
    END LOOP;
  END LOOP;

  -- an account became an administrator, or stopped being one: every
  -- assigned contact outside its own scopes arrives or goes
  FOR acc IN SELECT a.id, l.fields->'role'->>'value' = 'admin' AS admin_now
             FROM change_log l
             JOIN account a ON a.id::text = l.entity_id
             WHERE l.workspace_id = ws AND l.seq > first_seq AND l.seq <= last_seq
               AND l.entity = 'app_user' AND l.old_values ? 'role' AND l.fields ? 'role'
               AND (l.old_values->>'role' = 'admin') <> (l.fields->'role'->>'value' = 'admin')
  LOOP
    FOR c IN SELECT r.id FROM record r
             WHERE r.workspace_id = ws AND r.entity = 'contact' AND NOT r.deleted
               AND r.scope IS NOT NULL AND NOT r.scope && kontor_account_scopes (ws, acc.id)
             ORDER BY r.id
    LOOP
      seq := kontor_log_sight (ws, c.id, ARRAY[acc.id::text], acc.admin_now, seq);
    END LOOP;
  END LOOP;

  RETURN seq;
END
$$;

-- The activities taken before this version (their rows and their changes
-- were everyone's) get their contact's scope, so that from now on pulls
-- and snapshots hand them out to those who see the contact only;
-- machines keep what they already hold, as after schema 4
UPDATE record r SET scope = c.scope
FROM record c
WHERE r.entity = 'activity' AND c.workspace_id = r.workspace_id AND c.entity = 'contact'
  AND c.id = r.fields->>'contact_id' AND c.scope IS NOT NULL;
UPDATE change_log l SET scope_owner = r.fields->>'contact_id', scope = c.scope
FROM record r, record c
WHERE l.entity = 'activity' AND l.scope_owner IS NULL
  AND r.workspace_id = l.workspace_id AND r.entity = 'activity' AND r.id = l.entity_id
  AND c.workspace_id = r.workspace_id AND c.entity = 'contact' AND c.id = r.fields->>'contact_id';
