-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kontor schema version 12: two indexes for the filters of the contacts
-- list (feature L2, src/README.md "Workspace"). Version 7 dropped the link
-- index by target as no query used it; now one does. A filter by sales rep,
-- assignee or team starts from who is linked (the link's target) instead
-- of reading all 100 000 contact rows; the team's own contacts are found
-- in a partial index, which holds only contacts assigned to a team.
-- Both are made anew after a large import, like the order indexes.

CREATE INDEX contact_link_by_target ON contact_link (target_id, kind);
CREATE INDEX contact_team ON contact (assigned_team_id) WHERE assigned_team_id IS NOT NULL;
