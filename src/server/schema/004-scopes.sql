-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 4: who sees what (feature X12; the rules
-- are in src/protocol/PROTOCOL.md "Scopes").
--
-- A contact is seen by everyone until it is assigned (C7) to chosen users
-- or to a team; then by those users, that team's members, its sales reps
-- and the administrators. Its e-mail addresses, phone numbers, links,
-- employments and group memberships follow it. Every other record is
-- everyone's.
--
-- A scope is a list of account and team ids (NULL: everyone), kept on
-- each record and on each change; an account's own scopes are its id and
-- its teams. A pull and a snapshot hand out what the account's scopes
-- meet. A change that moves a contact out of someone's sight logs a
-- `revoke` for them; one that brings it into sight logs it whole, with
-- its child rows, for them alone. The accounts are published as users
-- (app_user records with the account's id), so that a contact's sales
-- reps and assignees name accounts.

ALTER TABLE record ADD COLUMN scope text[];
ALTER TABLE change_log ADD COLUMN scope text[];
-- the contact whose scope a change follows; NULL for the rows written
-- for one account's sight (revoke, arrive), which keep theirs
ALTER TABLE change_log ADD COLUMN scope_owner text;

ALTER TABLE change_log DROP CONSTRAINT change_log_op_check;
ALTER TABLE change_log ADD CONSTRAINT change_log_op_check
  CHECK (op IN ('upsert', 'delete', 'restore', 'revoke'));

-- the child rows of a contact, found by their contact
CREATE INDEX record_scope_owner ON record
  (workspace_id, (coalesce (fields->>'owner_id', fields->>'contact_id')))
  WHERE entity IN ('contact_channel', 'contact_link', 'employment', 'contact_group_member');
-- the team memberships of an account, and the contacts assigned to a team
CREATE INDEX record_link_owner ON record (workspace_id, (fields->>'owner_id'))
  WHERE entity = 'app_user_link';
CREATE INDEX record_scope ON record USING gin (scope) WHERE scope IS NOT NULL;

-- The contact a row of @ent belongs to for its scope, NULL when none
CREATE FUNCTION kontor_scope_owner (ws uuid, ent text, rid text, sent jsonb)
RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  o text;
BEGIN
  IF ent = 'contact' THEN
    RETURN rid;
  END IF;
  IF ent NOT IN ('contact_channel', 'contact_link', 'employment', 'contact_group_member') THEN
    RETURN NULL;
  END IF;
  SELECT coalesce (r.fields->>'owner_id', r.fields->>'contact_id') INTO o FROM record r
  WHERE r.workspace_id = ws AND r.entity = ent AND r.id = rid;
  RETURN coalesce (o, sent->'owner_id'->>'value', sent->'contact_id'->>'value');
END
$$;

-- An account's scopes: its id and its teams
CREATE FUNCTION kontor_account_scopes (ws uuid, acc uuid)
RETURNS text[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  teams text[];
BEGIN
  SELECT array_agg (l.fields->>'target_id') INTO teams FROM record l
  WHERE l.workspace_id = ws AND l.entity = 'app_user_link' AND NOT l.deleted
    AND l.fields->>'owner_id' = acc::text AND l.fields->>'kind' = 'teams';
  RETURN array_append (coalesce (teams, '{}'), acc::text);
END
$$;

CREATE FUNCTION kontor_is_admin (acc uuid)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN coalesce ((SELECT a.role = 'admin' FROM account a WHERE a.id = acc), false);
END
$$;

-- A contact's scope from what it holds now: NULL (everyone) unless it is
-- assigned to users or a team. (The functions called per change are
-- PL/pgSQL, whose statements' plans a connection keeps; an SQL function
-- that is not inlined is planned again at every call.)
CREATE FUNCTION kontor_contact_scope (ws uuid, contact text)
RETURNS text[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  team text;
  assigned boolean;
  targets text[];
BEGIN
  SELECT c.fields->>'assigned_team_id' INTO team FROM record c
  WHERE c.workspace_id = ws AND c.entity = 'contact' AND c.id = contact;
  SELECT bool_or (l.fields->>'kind' = 'assignees'), array_agg (l.fields->>'target_id')
  INTO assigned, targets
  FROM record l
  WHERE l.workspace_id = ws AND l.entity = 'contact_link' AND NOT l.deleted
    AND coalesce (l.fields->>'owner_id', l.fields->>'contact_id') = contact
    AND l.fields->>'kind' IN ('sales_reps', 'assignees');
  IF team IS NULL AND NOT coalesce (assigned, false) THEN
    RETURN NULL;
  END IF;
  RETURN array (SELECT DISTINCT x FROM unnest (array_append (coalesce (targets, '{}'), team)) AS x
                WHERE x IS NOT NULL ORDER BY 1);
END
$$;

-- Whether scopes @mine see a row of @scope
CREATE FUNCTION kontor_sees (scope text[], mine text[], admin boolean)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT admin OR scope IS NULL OR scope && mine
$$;

-- Whether @account may write the row @ent @rid (@sent: a create's fields)
CREATE FUNCTION kontor_may_write (ws uuid, acc uuid, ent text, rid text, sent jsonb)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN kontor_sees ((SELECT r.scope FROM record r WHERE r.workspace_id = ws
                        AND r.entity = 'contact' AND r.id = kontor_scope_owner (ws, ent, rid, sent)),
                      kontor_account_scopes (ws, acc), kontor_is_admin (acc));
END
$$;

-- Logs, after @seq, what @accounts need of contact @owner: a revoke when
-- @arrive is false, else the contact and its living child rows, whole.
-- Returns the last number used.
CREATE FUNCTION kontor_log_sight (ws uuid, owner text, accounts text[], arrive boolean,
                                  seq bigint)
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
  FOR r IN SELECT entity, id, fields, field_revs FROM record
           WHERE workspace_id = ws AND NOT deleted
             AND ((entity = 'contact' AND id = owner)
                  OR (entity IN ('contact_channel', 'contact_link', 'employment',
                                 'contact_group_member')
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
-- gained. Returns the last number used.
CREATE FUNCTION kontor_rescope (ws uuid, first_seq bigint, seq bigint, created text[],
                                pusher uuid)
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
           OR (r.entity IN ('contact_channel', 'contact_link', 'employment',
                            'contact_group_member')
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

-- A row written by the server itself (an account published as a user,
-- a team made with "kontor-server admin"): the fields of @vals that
-- differ get a new revision; NULL @vals deletes it. Takes the clock,
-- rescopes, moves the clock and pokes the instances. Returns the clock.
CREATE FUNCTION kontor_publish (ws uuid, ent text, rid text, vals jsonb)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  nil CONSTANT uuid := '00000000-0000-0000-0000-000000000000';
  first_seq bigint;
  seq bigint;
  cur record;
  existed boolean;
  changed jsonb := '{}';
  old_values jsonb := '{}';
  k text;
  v jsonb;
BEGIN
  SELECT w.last_seq INTO first_seq FROM workspace w WHERE w.id = ws FOR UPDATE;
  seq := first_seq + 1;
  SELECT r.fields, r.field_revs, r.deleted INTO cur FROM record r
  WHERE r.workspace_id = ws AND r.entity = ent AND r.id = rid FOR UPDATE;
  existed := FOUND;

  IF vals IS NULL THEN
    IF NOT existed OR cur.deleted THEN
      RETURN first_seq;
    END IF;
    UPDATE record SET deleted = true, deleted_rev = seq, rev = seq
    WHERE workspace_id = ws AND entity = ent AND id = rid;
    INSERT INTO change_log (workspace_id, seq, entity, entity_id, op, actor, client_id,
                            client_seq, scope_owner)
    VALUES (ws, seq, ent, rid, 'delete', nil, nil, 0, kontor_scope_owner (ws, ent, rid, NULL));
  ELSE
    FOR k, v IN SELECT * FROM jsonb_each (vals) LOOP
      IF NOT existed OR cur.deleted OR cur.fields->k IS DISTINCT FROM v THEN
        changed := changed || jsonb_build_object (k, jsonb_build_object ('value', v, 'rev', seq));
        IF existed AND NOT cur.deleted AND cur.fields ? k THEN
          old_values := old_values || jsonb_build_object (k, cur.fields->k);
        END IF;
      END IF;
    END LOOP;
    IF changed = '{}' THEN
      RETURN first_seq;
    END IF;
    INSERT INTO record (workspace_id, entity, id, fields, field_revs, rev)
    VALUES (ws, ent, rid, vals,
            (SELECT jsonb_object_agg (k2, seq) FROM jsonb_object_keys (vals) AS k2), seq)
    ON CONFLICT (workspace_id, entity, id) DO UPDATE
      SET fields = CASE WHEN record.deleted THEN EXCLUDED.fields
                        ELSE record.fields || EXCLUDED.fields END,
          field_revs = record.field_revs
                       || (SELECT jsonb_object_agg (k3, seq) FROM jsonb_object_keys (changed) AS k3),
          rev = seq, deleted = false, deleted_rev = NULL;
    INSERT INTO change_log (workspace_id, seq, entity, entity_id, op, fields, old_values, actor,
                            client_id, client_seq, scope_owner)
    VALUES (ws, seq, ent, rid, CASE WHEN existed AND cur.deleted THEN 'restore'
                                    ELSE 'upsert' END,
            changed, old_values, nil, nil, 0, kontor_scope_owner (ws, ent, rid, NULL));
  END IF;

  seq := kontor_rescope (ws, first_seq, seq, '{}', NULL);
  UPDATE workspace SET last_seq = seq WHERE id = ws;
  PERFORM pg_notify ('kontor_sync', ws::text || ':' || seq::text);
  RETURN seq;
END
$$;

-- The contacts assigned before this version, and their child rows, get
-- their scopes (machines keep what they hold; pulls and snapshots from
-- now on hand out what each account may see)
UPDATE record c SET scope = kontor_contact_scope (c.workspace_id, c.id)
WHERE c.entity = 'contact';
UPDATE record r SET scope = c.scope
FROM record c
WHERE c.workspace_id = r.workspace_id AND c.entity = 'contact' AND c.scope IS NOT NULL
  AND r.entity IN ('contact_channel', 'contact_link', 'employment', 'contact_group_member')
  AND coalesce (r.fields->>'owner_id', r.fields->>'contact_id') = c.id;

-- The accounts made before this version, published as users
DO $$
DECLARE
  a record;
BEGIN
  FOR a IN SELECT * FROM account ORDER BY created_at, id LOOP
    PERFORM kontor_publish (a.workspace_id, 'app_user', a.id::text,
                            jsonb_build_object ('username', a.username,
                                                'full_name', a.display_name,
                                                'role', a.role));
  END LOOP;
END
$$;
