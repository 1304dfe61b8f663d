-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 9: lead projects (features D2–D4; the
-- client's schema 24, src/README.md "Lead projects"). Records are kept by
-- entity and id whatever their kind, so lead_project, lead_project_link,
-- lead_status and lead_entry need no table; what changes is who sees
-- them (src/protocol/PROTOCOL.md "Scopes"): a project and its statuses
-- are everyone's, as a group is, and an entry follows its contact
-- (contact_id), as an activity does: it leaves and arrives with the
-- contact, and who does not see the contact may not write it.
--
-- As schema 5 says, the one list of such entities is
-- kontor_follows_contact (), replaced here, and record_scope_owner, whose
-- predicate it is, is made again. No lead entry was stored before this
-- version (the server refused the entity), so nothing is backfilled.

CREATE OR REPLACE FUNCTION kontor_follows_contact (ent text)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ent IN ('contact_channel', 'contact_link', 'employment', 'contact_group_member',
                 'activity', 'lead_entry')
$$;

DROP INDEX record_scope_owner;
CREATE INDEX record_scope_owner ON record
  (workspace_id, (coalesce (fields->>'owner_id', fields->>'contact_id')))
  WHERE kontor_follows_contact (entity);
