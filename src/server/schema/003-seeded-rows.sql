-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- kontor-server schema version 3: the rows every Kontor installation is
-- born with, under the same fixed ids on every machine (the app's schema
-- seeds them): the six pipeline statuses, the number ranges of contacts
-- and companies, the team's settings. Their fields are the app's defaults,
-- known to every client, so the server holds them empty at revision 0: a
-- client's first edit (base revision 0) is taken, and a second machine's
-- different edit of the same field is a conflict like any other.

INSERT INTO record (workspace_id, entity, id, rev)
SELECT w.id, s.entity, s.id, 0
FROM workspace w,
     (VALUES ('pipeline_status', '00000000-0000-7000-8000-000000000001'),
             ('pipeline_status', '00000000-0000-7000-8000-000000000002'),
             ('pipeline_status', '00000000-0000-7000-8000-000000000003'),
             ('pipeline_status', '00000000-0000-7000-8000-000000000004'),
             ('pipeline_status', '00000000-0000-7000-8000-000000000005'),
             ('pipeline_status', '00000000-0000-7000-8000-000000000006'),
             ('number_range',    '00000000-0000-7000-8000-000000000101'),
             ('number_range',    '00000000-0000-7000-8000-000000000103'),
             ('team_setting',    '00000000-0000-7000-8000-000000000102')) AS s (entity, id)
ON CONFLICT DO NOTHING;
